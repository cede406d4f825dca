/**
 * TensorFlow.js as this project uses it: the core ops and engine, Keras-style layers, and the
 * plain JavaScript CPU backend that is always there. Everything imports tfjs from here, never
 * from the `@tensorflow/tfjs` umbrella, which also installs the WebGL backend, the graph-model
 * converter and tf.data (none of them used in Node; the umbrella more than triples the install).
 * The faster backends (wasm, native TensorFlow) are loaded on demand by backend/backendLoaders.ts
 * and register into this same engine.
 */
import '@tensorflow/tfjs-backend-cpu'

export * from '@tensorflow/tfjs-core'
export * from '@tensorflow/tfjs-layers'
