import { createRoot } from "react-dom/client";
import { App } from "@/app/App";
import "@/styles/global.css";

const raiz = document.getElementById("root");
if (!raiz) throw new Error("elemento #root ausente em index.html");
createRoot(raiz).render(<App />);
