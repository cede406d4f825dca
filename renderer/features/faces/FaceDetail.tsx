import { useEffect } from 'react'

import {
  EMOTIONS,
  EMOTION_COLORS,
  FERPLUS_VOTE_NAMES,
  emotionFromName,
  ferPlusMajority,
} from '../../../shared/domain'
import type { FaceId } from '../../../shared/domain'
import { EXCLUSION_TITLES } from '../../../shared/domain/exclusion'
import type { ExclusionReason } from '../../../shared/domain/exclusion'
import { faceImageUrl } from '../../api/mediaUrl'
import { BarList } from '../../components/BarList'
import { EmotionBadge } from '../../components/EmotionBadge'
import { formatDateTime, formatPercent } from '../../lib/format'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'

const NEUTRAL_GREY = '#9aa3ae'

/** The focused face, enlarged, with its labels, history, FER+ votes, duplicates and prediction. */
export function FaceDetail() {
  const focusId = useFacesStore(facesSelectors.focusId)
  const face = useFacesStore(facesSelectors.focused)
  const detail = useFacesStore(facesSelectors.detail)
  const loadDetail = useFacesStore((s) => s.loadDetail)

  // Wait for the focus to rest: holding an arrow key should not fire a request per face.
  useEffect(() => {
    if (focusId === null) return
    const timer = setTimeout(() => void loadDetail(focusId), 120)
    return () => clearTimeout(timer)
  }, [focusId, loadDetail])

  if (focusId === null) {
    return (
      <aside className="face-detail empty" aria-label="Face details">
        <p className="muted">Click a face, or use the arrow keys, to see it here.</p>
      </aside>
    )
  }
  const history = detail?.faceId === focusId ? detail.history : []
  const duplicates = detail?.faceId === focusId ? detail.duplicates : []
  const prediction = face?.prediction ?? null
  const votes = face?.ferPlusVotes ?? null
  const majority = votes ? ferPlusMajority(votes) : null

  return (
    <aside
      className="face-detail"
      aria-label="Face details"
      data-testid="face-detail"
      data-face-id={focusId}
    >
      <img
        className="face-detail-image"
        src={faceImageUrl(focusId, 192, face?.hash)}
        width={192}
        height={192}
        alt={`Face ${focusId}`}
        decoding="async"
      />
      <div className="face-detail-title">
        <h2>Face {focusId}</h2>
        {face ? <span className="badge">{face.split}</span> : null}
      </div>
      {face ? (
        <>
          <dl className="face-detail-facts">
            <dt>Label</dt>
            <dd data-testid="detail-label">
              <EmotionBadge emotion={face.label} />
            </dd>
            <dt>Status</dt>
            <dd data-testid="detail-exclusion">
              {face.excluded === null ? (
                'included'
              ) : (
                <span className="error-text">excluded: {EXCLUSION_TITLES[face.excluded]}</span>
              )}
            </dd>
            <dt>Original</dt>
            <dd>
              <EmotionBadge emotion={face.originalLabel} />
              {face.label !== face.originalLabel ? (
                <span className="muted"> relabelled</span>
              ) : null}
            </dd>
            <dt>Source</dt>
            <dd className="mono small-text" title={face.sourceFile}>
              {face.sourceFile}
              {face.sourceRow !== null ? `:${face.sourceRow}` : ''}
            </dd>
            {face.isBlank ? (
              <>
                <dt>Note</dt>
                <dd className="error-text">blank image (one colour)</dd>
              </>
            ) : null}
          </dl>

          {prediction ? (
            <section className="detail-section">
              <h3>
                Prediction <EmotionBadge emotion={prediction.label} />{' '}
                <span className="muted">{formatPercent(prediction.confidence, 0)}</span>
              </h3>
              <BarList
                label="Predicted probabilities"
                testId="detail-probabilities"
                max={1}
                format={(v) => formatPercent(v, 0)}
                items={EMOTIONS.map((e, i) => ({
                  key: e,
                  label: e,
                  value: prediction.probabilities[i] ?? 0,
                  color: EMOTION_COLORS[e],
                  emphasis: e === face.label,
                }))}
              />
              <p className="hint">
                Bold: the current label (
                {formatPercent(prediction.probabilities[EMOTIONS.indexOf(face.label)] ?? 0, 0)}).
              </p>
            </section>
          ) : null}

          {votes ? (
            <section className="detail-section">
              <h3>
                FER+ votes{' '}
                {majority ? (
                  <EmotionBadge emotion={majority} />
                ) : (
                  <span className="muted">no majority</span>
                )}
              </h3>
              <BarList
                label="FER+ votes"
                testId="detail-ferplus"
                format={(v) => String(v)}
                items={FERPLUS_VOTE_NAMES.map((name, i) => {
                  const emotion = emotionFromName(name)
                  return {
                    key: name,
                    label: emotion ?? name,
                    value: votes[i] ?? 0,
                    color: emotion ? EMOTION_COLORS[emotion] : NEUTRAL_GREY,
                  }
                })}
              />
            </section>
          ) : null}
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}

      {duplicates.length > 0 ? (
        <section className="detail-section">
          <h3>{duplicates.length - 1} pixel-identical duplicates</h3>
          <div className="detail-duplicates" data-testid="detail-duplicates">
            {duplicates
              .filter((d) => d.id !== focusId)
              .map((d) => (
                <DuplicateThumb
                  key={d.id}
                  id={d.id}
                  label={d.label}
                  split={d.split}
                  hash={d.hash}
                />
              ))}
          </div>
        </section>
      ) : null}

      <section className="detail-section">
        <h3>Label history</h3>
        {history.length === 0 ? (
          <p className="muted">Never changed.</p>
        ) : (
          <ol className="detail-history" data-testid="detail-history">
            {history.map((change) => (
              <li key={change.id}>
                {change.exclusion !== undefined ? (
                  <span data-testid="history-exclusion">
                    {exclusionText(change.exclusion.from)} → {exclusionText(change.exclusion.to)}
                  </span>
                ) : (
                  <>
                    <EmotionBadge emotion={change.from} short /> →{' '}
                    <EmotionBadge emotion={change.to} short />
                  </>
                )}
                <span className="muted">
                  {' '}
                  {change.kind !== 'set' ? `${change.kind} · ` : ''}
                  {change.actor} · {formatDateTime(change.at)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  )
}

/** An exclusion state in the history: the reason, or "included". */
function exclusionText(reason: ExclusionReason | null): string {
  return reason === null ? 'included' : `excluded (${reason})`
}

function DuplicateThumb({
  id,
  label,
  split,
  hash,
}: Readonly<{ id: FaceId; label: (typeof EMOTIONS)[number]; split: string; hash: string }>) {
  const inGrid = useFacesStore((s) => s.indexOf.has(id))
  const clickFace = useFacesStore((s) => s.clickFace)
  return (
    <button
      type="button"
      className="duplicate-thumb"
      disabled={!inGrid}
      title={`Face ${id} · ${label} · ${split}${inGrid ? '' : ' (not in the current filter)'}`}
      onClick={() => clickFace(id, { shift: false, toggle: false })}
      style={{ borderColor: EMOTION_COLORS[label] }}
    >
      <img
        src={faceImageUrl(id, undefined, hash)}
        width={48}
        height={48}
        alt={`Duplicate face ${id}`}
        loading="lazy"
      />
      <span className="small-text">{split}</span>
    </button>
  )
}
