import { x } from './y.js';
export const z = x.bind(this);