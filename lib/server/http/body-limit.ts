// How large a request body may be. Plain code with no imports: next.config.ts reads it too, to
// bound what Next.js buffers for the proxy on page requests (no page takes a body).

/** Every JSON body Reaper takes (a server with its private key is the largest) fits in 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;
