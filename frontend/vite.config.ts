import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `npm run dev` proxies /api to a local stack (`make dev`, port 8000 by default).
const api = process.env.HEALTHMED_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: { proxy: { "/api": { target: api, changeOrigin: false, ws: true } } },
  // The Amazon Chime SDK is one ~1.3 MB chunk, loaded only when a Chime room opens.
  build: { sourcemap: true, target: "es2022", chunkSizeWarningLimit: 1400 },
  test: { environment: "node", include: ["src/**/*.test.{ts,tsx}"] },
});
