// bottleneck's light build (no Redis clustering), which @octokit/plugin-throttling itself loads:
// the same limiter classes as the package's typed entry, without the full build in the bundle.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
