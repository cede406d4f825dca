/**
 * TensorFlow.js, imported in one place. The `@tensorflow/tfjs` umbrella stays: tfjs-core alone is
 * a third of the install, but its Node bundle registers neither the gradients nor the chained
 * tensor methods (`t.flatten()`, which tfjs-layers' initializers call), and the modules that do
 * register them are ES modules with directory imports that Node's own loader refuses; the
 * umbrella's Node bundle carries both. The faster backends (wasm, native TensorFlow) are loaded on
 * demand by backend/backendLoaders.ts and register into this same engine.
 */
export * from '@tensorflow/tfjs'
