import type { Emotion, FaceBox } from '../../../shared/domain'
import { EMOTION_COLORS } from '../../../shared/domain'

export type BoxItem = Readonly<{
  key: string | number
  box: FaceBox
  label: Emotion
  confidence: number
  selected?: boolean
}>

type Props = Readonly<{
  width: number
  height: number
  items: readonly BoxItem[]
  onSelect?: (index: number) => void
  /** Mirror horizontally (a selfie camera view). */
  mirrored?: boolean
  testId?: string
}>

/**
 * Boxes over a photo or a video, in the image's own pixels (an SVG viewBox the size of the image,
 * stretched over it), each in its predicted expression's colour with the label and confidence.
 */
export function FaceBoxes({ width, height, items, onSelect, mirrored = false, testId }: Props) {
  if (width === 0 || height === 0) return null
  const stroke = Math.max(2, Math.round(Math.max(width, height) / 300))
  const font = Math.max(12, Math.round(Math.max(width, height) / 45))
  return (
    <svg
      className="face-boxes"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      data-testid={testId}
    >
      {items.map((item, index) => {
        const x = mirrored ? width - item.box.x - item.box.width : item.box.x
        const color = EMOTION_COLORS[item.label]
        const text = `${item.label} ${Math.round(item.confidence * 100)}%`
        return (
          <g
            key={item.key}
            className={item.selected ? 'face-box selected' : 'face-box'}
            onClick={onSelect ? () => onSelect(index) : undefined}
            data-testid="face-box"
            data-label={item.label}
          >
            <rect
              x={x}
              y={item.box.y}
              width={item.box.width}
              height={item.box.height}
              fill="transparent"
              stroke={color}
              strokeWidth={item.selected ? stroke * 2 : stroke}
            />
            <rect
              x={x}
              y={Math.max(0, item.box.y - font * 1.4)}
              width={text.length * font * 0.66 + font * 0.6}
              height={font * 1.4}
              fill={color}
            />
            <text
              x={x + font * 0.3}
              y={Math.max(font * 1.05, item.box.y - font * 0.35)}
              fontSize={font}
              fill="#fff"
            >
              {text}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
