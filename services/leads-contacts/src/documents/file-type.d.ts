// file-type publishes its types through package.json "exports", which the workspace's
// `moduleResolution: node` does not read; this declares the one function used here.
declare module 'file-type' {
  export function fileTypeFromBuffer(buffer: Uint8Array | ArrayBuffer): Promise<{ ext: string; mime: string } | undefined>;
}
