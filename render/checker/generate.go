package checker

// checker.wasm.gz and wasm_exec.js are built from ./wasm (and pagecheck, schema/check… it
// links): regenerate them in every commit that changes that code. TestWasmUpToDate
// rebuilds them the same way and fails when they differ.
//go:generate go run ./internal/genwasm
