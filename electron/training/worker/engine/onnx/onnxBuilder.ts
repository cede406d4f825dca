import onnxProto from 'onnx-proto'

const { onnx } = onnxProto

/**
 * A small typed builder for ONNX graphs: nodes, initializers, inputs and outputs, metadata. The
 * protobuf encoding itself is onnx-proto's (generated from onnx.proto), so this file only decides
 * names and types. Both the inference and the training compilers write their graphs with it.
 */

/** Element types the compilers use (values are onnx.TensorProto.DataType). */
export const ElementType = { float: 1, int32: 6, int64: 7, bool: 9 } as const
export type ElementType = keyof typeof ElementType

/** A dimension: a fixed size, or a symbolic name such as 'batch'. */
export type Dim = number | string

/** A node attribute value, tagged with its ONNX type (a bare number is ambiguous). */
export type AttributeValue =
  | Readonly<{ type: 'int'; value: number }>
  | Readonly<{ type: 'ints'; value: readonly number[] }>
  | Readonly<{ type: 'float'; value: number }>
  | Readonly<{ type: 'floats'; value: readonly number[] }>
  | Readonly<{ type: 'string'; value: string }>

export const attr = {
  int: (value: number): AttributeValue => ({ type: 'int', value }),
  ints: (value: readonly number[]): AttributeValue => ({ type: 'ints', value }),
  float: (value: number): AttributeValue => ({ type: 'float', value }),
  floats: (value: readonly number[]): AttributeValue => ({ type: 'floats', value }),
  string: (value: string): AttributeValue => ({ type: 'string', value }),
}

export type NodeOptions = Readonly<{
  attributes?: Readonly<Record<string, AttributeValue>>
  /** How many outputs the node has (default 1); their names are generated unless `outputs`. */
  outputCount?: number
  /** Explicit output names (e.g. a graph output); overrides `outputCount`. */
  outputs?: readonly string[]
  /** Operator domain: '' is the default ONNX domain, 'com.microsoft' ORT's contrib ops. */
  domain?: string
  /** Readable name prefix for generated outputs (the layer the node belongs to). */
  name?: string
}>

export type ModelOptions = Readonly<{
  /** Default-domain opset; 17 is well supported by onnxruntime-node 1.x. */
  opset?: number
  /** Extra opsets, e.g. { 'com.microsoft': 1 } when contrib ops are used. */
  extraOpsets?: Readonly<Record<string, number>>
  producerName?: string
  /** Key-value metadata stored in the model (class order, preprocessing, ...). */
  metadata?: Readonly<Record<string, string>>
  docString?: string
}>

export type GraphBuilder = Readonly<{
  /** Declares a graph input and returns its name. */
  input(name: string, type: ElementType, dims: readonly Dim[]): string
  /** Marks an existing value as a graph output (dims optional, ORT infers them). */
  output(name: string, type: ElementType, dims?: readonly Dim[]): string
  /** Adds a float32 constant tensor; returns its (unique) name. */
  initializer(name: string, values: Float32Array, dims: readonly number[]): string
  /** Adds an int64 constant (shapes, axes); returns its name. */
  int64(name: string, values: readonly number[], dims?: readonly number[]): string
  /** Adds an int32 constant; returns its name. */
  int32(name: string, values: readonly number[], dims?: readonly number[]): string
  /** Adds a node and returns its output names. */
  node(opType: string, inputs: readonly string[], options?: NodeOptions): string[]
  /** Adds a single-output node and returns that output's name. */
  op(opType: string, inputs: readonly string[], options?: NodeOptions): string
  /** Serialises the graph as a ModelProto. */
  toBytes(options?: ModelOptions): Uint8Array
}>

/** The IR version that goes with opset 17 (onnx 1.12). */
const IR_VERSION = 8

function encodeAttribute(name: string, a: AttributeValue): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType
  switch (a.type) {
    case 'int':
      return { name, type: T.INT, i: a.value }
    case 'ints':
      return { name, type: T.INTS, ints: [...a.value] }
    case 'float':
      return { name, type: T.FLOAT, f: a.value }
    case 'floats':
      return { name, type: T.FLOATS, floats: [...a.value] }
    case 'string':
      return { name, type: T.STRING, s: new TextEncoder().encode(a.value) }
  }
}

function valueInfo(
  name: string,
  type: ElementType,
  dims: readonly Dim[] | undefined,
): onnxProto.onnx.IValueInfoProto {
  const shape = dims
    ? { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) }
    : null
  return {
    name,
    type: { tensorType: { elemType: ElementType[type], ...(shape ? { shape } : {}) } },
  }
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  // Little-endian raw data, as ONNX stores it (every platform ORT ships on is little-endian).
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength))
}

/** A fresh, empty graph called `name`. */
export function createGraphBuilder(name = 'graph'): GraphBuilder {
  const nodes: onnxProto.onnx.INodeProto[] = []
  const initializers: onnxProto.onnx.ITensorProto[] = []
  const inputs: onnxProto.onnx.IValueInfoProto[] = []
  const outputs: onnxProto.onnx.IValueInfoProto[] = []
  const used = new Set<string>()

  const unique = (base: string) => {
    let candidate = base
    for (let i = 1; used.has(candidate); i++) candidate = `${base}_${i}`
    used.add(candidate)
    return candidate
  }

  const constant = (
    base: string,
    type: ElementType,
    data: ArrayBufferView,
    dims: readonly number[],
    size: number,
  ) => {
    const count = dims.reduce((a, b) => a * b, 1)
    if (count !== size) {
      throw new Error(`Initializer '${base}' has ${size} values for dims [${dims.join(', ')}]`)
    }
    const tensorName = unique(base)
    initializers.push({
      name: tensorName,
      dataType: ElementType[type],
      dims: [...dims],
      rawData: bytesOf(data),
    })
    return tensorName
  }

  const builder: GraphBuilder = {
    input(inputName, type, dims) {
      if (used.has(inputName)) throw new Error(`Graph value '${inputName}' already exists`)
      used.add(inputName)
      inputs.push(valueInfo(inputName, type, dims))
      return inputName
    },
    output(outputName, type, dims) {
      if (!used.has(outputName)) throw new Error(`Graph output '${outputName}' is never produced`)
      outputs.push(valueInfo(outputName, type, dims))
      return outputName
    },
    initializer: (base, values, dims) => constant(base, 'float', values, dims, values.length),
    int64: (base, values, dims = [values.length]) =>
      constant(
        base,
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        dims,
        values.length,
      ),
    int32: (base, values, dims = [values.length]) =>
      constant(base, 'int32', Int32Array.from(values), dims, values.length),
    node(opType, nodeInputs, options = {}) {
      for (const input of nodeInputs) {
        // '' is ONNX's "optional input left out".
        if (input !== '' && !used.has(input)) {
          throw new Error(`${opType} reads '${input}', which no earlier node produces`)
        }
      }
      const prefix = options.name ?? opType.toLowerCase()
      const names = options.outputs
        ? options.outputs.map((o) => {
            if (used.has(o)) throw new Error(`Graph value '${o}' already exists`)
            used.add(o)
            return o
          })
        : Array.from({ length: options.outputCount ?? 1 }, () => unique(prefix))
      nodes.push({
        name: unique(`${prefix}_node`),
        opType,
        domain: options.domain ?? '',
        input: [...nodeInputs],
        output: names,
        attribute: Object.entries(options.attributes ?? {}).map(([k, v]) => encodeAttribute(k, v)),
      })
      return names
    },
    op(opType, nodeInputs, options) {
      const [out] = builder.node(opType, nodeInputs, { ...options, outputCount: 1 })
      return out!
    },
    toBytes(options = {}) {
      const opsets = [
        { domain: '', version: options.opset ?? 17 },
        ...Object.entries(options.extraOpsets ?? {}).map(([domain, version]) => ({
          domain,
          version,
        })),
      ]
      const model = onnx.ModelProto.create({
        irVersion: IR_VERSION,
        producerName: options.producerName ?? 'fer-studio',
        opsetImport: opsets,
        docString: options.docString ?? '',
        metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({
          key,
          value,
        })),
        graph: { name, node: nodes, initializer: initializers, input: inputs, output: outputs },
      })
      return onnx.ModelProto.encode(model).finish()
    },
  }
  return builder
}

/** Reads the metadata_props of a serialised model (for tests and for checking exports). */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  const model = onnx.ModelProto.decode(bytes)
  return Object.fromEntries(model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']))
}
