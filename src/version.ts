import packageJson from '../package.json' with { type: 'json' };

/** The product's version, as package.json gives it; the bundle inlines it. */
export const VERSION: string = packageJson.version;
