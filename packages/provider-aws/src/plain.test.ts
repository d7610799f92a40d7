import { describe, expect, it } from 'vitest';
import { recordToTags, tagsToRecord, toPlain } from './plain.js';

describe('toPlain', () => {
  it('turns Dates into ISO strings and drops $metadata, at any depth', () => {
    const answer = {
      $metadata: { httpStatusCode: 200 },
      Volumes: [
        {
          VolumeId: 'vol-1',
          CreateTime: new Date('2026-01-02T03:04:05Z'),
          Attachments: [{ AttachTime: new Date(0) }],
        },
      ],
    };
    expect(toPlain(answer)).toEqual({
      Volumes: [
        {
          VolumeId: 'vol-1',
          CreateTime: '2026-01-02T03:04:05.000Z',
          Attachments: [{ AttachTime: '1970-01-01T00:00:00.000Z' }],
        },
      ],
    });
  });
});

describe('tags', () => {
  it('converts between AWS tag lists and maps', () => {
    expect(tagsToRecord([{ Key: 'a', Value: '1' }, { Key: 'b' }, { Value: 'orphan' }])).toEqual({
      a: '1',
      b: '',
    });
    expect(tagsToRecord(undefined)).toEqual({});
    expect(recordToTags({ a: '1' })).toEqual([{ Key: 'a', Value: '1' }]);
  });
});
