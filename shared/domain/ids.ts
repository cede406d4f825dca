import { z } from 'zod'

/** Database ids are positive integers, branded so one kind cannot be passed for another. */
export const DatasetId = z.number().int().positive().brand<'DatasetId'>()
export type DatasetId = z.infer<typeof DatasetId>

export const FaceId = z.number().int().positive().brand<'FaceId'>()
export type FaceId = z.infer<typeof FaceId>

export const RunId = z.number().int().positive().brand<'RunId'>()
export type RunId = z.infer<typeof RunId>

export const ImportJobId = z.string().min(1).brand<'ImportJobId'>()
export type ImportJobId = z.infer<typeof ImportJobId>
