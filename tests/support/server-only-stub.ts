// Vitest runs outside React's server graph, where the real "server-only" module throws on import.
export {};
