import variant from "@jitl/quickjs-ng-wasmfile-release-sync";
// wrangler's default module rules turn a `.wasm` import into a compiled WebAssembly.Module
// (Workers cannot compile wasm from bytes at runtime). The copy in vendor/ is the package's
// own file: wrangler does not apply the rule to the package's extension-less `./wasm` export.
import wasmModule from "./vendor/quickjs-ng.wasm";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

const WASM_PAGE_BYTES = 64 * 1024;
/** The build's INITIAL_MEMORY (16 MiB); its memory import requires at least this much. */
const INITIAL_PAGES = 256;

/**
 * A fresh engine instance whose linear memory cannot grow past `memoryBytes`.
 *
 * The memory cap is the real memory limit: this QuickJS-ng build cannot see allocation sizes
 * ("malloc_usable_size unavailable"), so `runtime.setMemoryLimit` only refuses single
 * allocations larger than the limit, and a loop of smaller ones grew the heap to 2 GiB in a
 * probe. With a capped `WebAssembly.Memory`, growth fails, malloc returns NULL and QuickJS
 * throws "out of memory". A fresh instance per run also means nothing a run did to the heap
 * (fragmentation, a half-finished allocation) can reach the next run, and the memory is
 * returned to the isolate when the run ends.
 */
export async function newQuickJSModule(memoryBytes: number): Promise<SandboxEngine> {
  const maximum = Math.max(INITIAL_PAGES, Math.ceil(memoryBytes / WASM_PAGE_BYTES));
  const wasmMemory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory }));
  // emscripten grows the heap by 5-20% steps and gives up when none fits under the cap, so an
  // exhausted memory stops somewhat short of it.
  return { module, memoryExhausted: () => wasmMemory.buffer.byteLength >= maximum * WASM_PAGE_BYTES * 0.8 };
}

export interface SandboxEngine {
  module: QuickJSWASMModule;
  /**
   * The memory is at its cap. QuickJS throws a bare `null` when it runs out of memory while
   * already reporting an out-of-memory error; this tells that apart from `throw null`.
   */
  memoryExhausted(): boolean;
}
