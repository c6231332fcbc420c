import os from "node:os";

/** This server process, as leases and claims name their holder: host:pid. */
export const instance = `${os.hostname()}:${process.pid}`;
