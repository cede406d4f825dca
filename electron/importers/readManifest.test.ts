import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { importDataset } from './importDataset'
import { createTempStore, testFace, writeFaceImage } from './storeFixtures.testUtil'
import type { TempStore } from './storeFixtures.testUtil'

let store: TempStore
beforeEach(() => {
  store = createTempStore()
})
afterEach(() => store.cleanup())

const sha1 = (bytes: Uint8Array): string => crypto.createHash('sha1').update(bytes).digest('hex')

describe('manifest import', () => {
  it('reads path,label,split rows with paths relative to the manifest, labels as names or indices', async () => {
    const dir = path.join(store.dir, 'set')
    await writeFaceImage(path.join(dir, 'images', 'a.png'), testFace(1))
    await writeFaceImage(path.join(dir, 'images', 'sub', 'b.jpg'), testFace(2), {
      outputSize: 96,
      colour: true,
    })
    await writeFaceImage(path.join(dir, 'c.png'), testFace(3))
    fs.writeFileSync(
      path.join(dir, 'manifest.csv'),
      'Path,Label,Split\nimages/a.png,Happiness,train\nimages/sub/b.jpg,0,PublicTest\n./c.png,neutral,\n',
    )
    // Run from another folder: paths are relative to the manifest, not to the working directory.
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: path.join(dir, 'manifest.csv'), name: 'm' },
    )
    expect(report.format).toBe('manifest')
    expect(report.counts.train).toEqual([0, 0, 0, 1, 0, 0, 1])
    expect(report.counts.validation).toEqual([1, 0, 0, 0, 0, 0, 0])
    const faces = store.db
      .prepare('SELECT source_file, source_row, hash FROM faces ORDER BY id')
      .all()
    expect(faces).toEqual([
      { source_file: 'images/a.png', source_row: 1, hash: sha1(testFace(1)) },
      {
        source_file: 'images/sub/b.jpg',
        source_row: 2,
        hash: expect.stringMatching(/^[0-9a-f]{40}$/) as string,
      },
      { source_file: './c.png', source_row: 3, hash: sha1(testFace(3)) },
    ])
  })

  it('without a split column puts every face in train', async () => {
    const dir = path.join(store.dir, 'nosplit')
    await writeFaceImage(path.join(dir, 'x.png'), testFace(1))
    fs.writeFileSync(path.join(dir, 'list.csv'), 'label,path\nsad,x.png\n')
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: path.join(dir, 'list.csv'), name: 'n' },
    )
    expect(report.counts.train).toEqual([0, 0, 0, 0, 1, 0, 0])
  })

  it('rejects absolute paths, ../ paths and symlinks leading out of its folder', async () => {
    const outside = await writeFaceImage(path.join(store.dir, 'secret.png'), testFace(9))
    const dir = path.join(store.dir, 'escape')
    await writeFaceImage(path.join(dir, 'ok.png'), testFace(1))
    fs.symlinkSync(outside, path.join(dir, 'link.png'))
    fs.writeFileSync(
      path.join(dir, 'list.csv'),
      `path,label\nok.png,happy\n${outside},happy\n../secret.png,happy\nlink.png,happy\nsub/../ok.png,fear\n`,
    )
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: path.join(dir, 'list.csv'), name: 'e', skipBad: true },
    )
    expect(report.imported).toBe(2)
    expect(report.rejectedSample.map((r) => [r.row, r.reason])).toEqual([
      [2, `path '${outside}' escapes the manifest's folder`],
      [3, "path '../secret.png' escapes the manifest's folder"],
      [4, "path 'link.png' escapes the manifest's folder (symlink)"],
    ])
  })

  it('rejects unknown labels and splits by row', async () => {
    const dir = path.join(store.dir, 'labels')
    await writeFaceImage(path.join(dir, 'a.png'), testFace(1))
    fs.writeFileSync(
      path.join(dir, 'list.csv'),
      'path,label,split\na.png,contempt,train\na.png,happy,holdout\n',
    )
    const report = await importDataset(
      { db: store.db, dataDir: store.dir },
      { path: path.join(dir, 'list.csv'), name: 'l', skipBad: true },
    ).catch((e: unknown) => e)
    expect(String(report)).toMatch(/no faces to import/)
    const file = fs.readdirSync(path.join(store.dir, 'reports'))[0] as string
    const lines = fs
      .readFileSync(path.join(store.dir, 'reports', file), 'utf8')
      .trim()
      .split('\n')
    expect(lines.slice(1)).toEqual([
      `${path.join(dir, 'list.csv')},1,label 'contempt' is not an emotion`,
      `${path.join(dir, 'list.csv')},2,"split 'holdout' is not train, validation or test"`,
    ])
  })
})
