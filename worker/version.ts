import packageJson from "../package.json";

/** The gateway's version, as released in package.json. */
export const version: string = packageJson.version;
