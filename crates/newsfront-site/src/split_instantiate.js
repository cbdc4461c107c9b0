
// Appended by newsfront-site: instantiate a chunk from its bytes. iOS 14.5 has no
// instantiateStreaming, and a wrong Content-Type would make it fail; a failed fetch (a 404 after
// a redeploy, offline) says which chunk.
async function nfInstantiate(src, imports) {
    const res = await src;
    if (!res.ok) throw new Error("wasm chunk " + res.url + ": HTTP " + res.status);
    return WebAssembly.instantiate(await res.arrayBuffer(), imports);
}
