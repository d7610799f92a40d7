import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ReportFile } from '@simian/core';
import { explainAwsError } from './errors.js';
import type { AwsScope } from './scope.js';

/**
 * Writes one report file to a bucket with the scope's credentials (`s3:PutObject`). Simian's own
 * output, not an action on the estate: it passes no gate and writes no ledger row.
 */
export async function putReportFile(
  scope: AwsScope,
  file: ReportFile,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await scope.s3.send(
      new PutObjectCommand({
        Bucket: file.bucket,
        Key: file.key,
        Body: file.body,
        ContentType: file.contentType,
      }),
      signal ? { abortSignal: signal } : {},
    );
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope,
        call: 'PutObject',
        what: `s3://${file.bucket}/${file.key}`,
        iamActions: ['s3:PutObject'],
        resourceArn: `arn:aws:s3:::${file.bucket}/*`,
      },
      'target',
    );
  }
}
