import { StrictMode } from "react";
import { Roteador } from "./router";

/** The whole app: providers around the router. */
export function App() {
  return (
    <StrictMode>
      <Roteador />
    </StrictMode>
  );
}
