/**
 * Where the API is when the page does not say: the origin this script was loaded from, since the API
 * serves the bundle itself at /widgets/. A partner page on another origin then needs no configuration.
 */
export const DEFAULT_API = new URL(import.meta.url).origin
