/**
 * TensorFlow.js as this project uses it: the core ops and engine, Keras-style layers, and the
 * plain JavaScript CPU backend that is always there. Everything imports tfjs from here, never
 * from the `@tensorflow/tfjs` umbrella, which also installs the WebGL backend, the graph-model
 * converter and tf.data (none of them used in Node; the umbrella more than triples the install).
 * The faster backends (wasm, native TensorFlow) are loaded on demand by backend/backendLoaders.ts
 * and register into this same engine.
 */
import '@tensorflow/tfjs-backend-cpu'
// The umbrella package registers these two on import; tfjs-core alone does not. Tensor methods
// (`t.flatten()`, used by tfjs-layers' initializers) and the gradients of every op need them.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'
import '@tensorflow/tfjs-core/dist/register_all_gradients'

export * from '@tensorflow/tfjs-core'
export * from '@tensorflow/tfjs-layers'
