import { z } from 'zod';
import { PageQuery, Timestamp, RecordId } from '../http/schemas.ts';
import { StatuteSlug } from '../statutes/schemas.ts';
import { QuestionFullView } from './schemas.ts';

const Segment = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
const Segments = z.array(Segment).meta({ description: '逐字比对：same 未变，removed 删去，added 新增' });

export const VersionDiffQuery = z.object({
  from: RecordId.optional().meta({ description: '旧版本号，默认为新版本的前一版' }),
  to: RecordId.optional().meta({ description: '新版本号，默认为当前版本' }),
});

const VersionHeader = z.object({
  version: z.number().int(), createdAt: Timestamp, isCurrent: z.boolean(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

export const VersionDiffView = z.object({
  questionId: z.number().int(),
  from: VersionHeader,
  to: VersionHeader,
  fields: z.array(z.object({ field: z.string(), label: z.string(), changed: z.boolean(), segments: Segments })),
});

export const ReviewQueueQuery = PageQuery.extend({ statute: StatuteSlug.optional() });

export const ReviewQueueItem = z.object({
  question: QuestionFullView,
  citations: z.array(z.object({
    law: z.string(), statuteTitle: z.string(), article: z.number().int(), articleLabel: z.string(), paragraph: z.number().int().nullable(),
    previousRevisedOn: z.string().nullable(), currentRevisedOn: z.string().nullable(),
    oldText: z.string().nullable().meta({ description: '修订前的条文（上一个文本中无此条时为 null）' }),
    newText: z.string().nullable().meta({ description: '现行条文（现行文本中已删去此条时为 null）' }),
    changed: z.boolean(),
    segments: Segments,
  })),
});
