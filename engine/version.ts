/** The engine's version, recorded in every result. */
export const ENGINE_VERSION = '0.3.0';
