import { describe, expect, it } from 'vitest';
import { terminalProgress, type ProgressStream } from './progress.js';

/** A stream that keeps what is written to it, as a terminal or not. */
function stream(isTTY: boolean, columns = 80): ProgressStream & { text: string } {
  const s = {
    isTTY,
    columns,
    text: '',
    write(chunk: string | Uint8Array) {
      s.text += String(chunk);
      return true;
    },
  };
  return s as ProgressStream & { text: string };
}

describe('terminalProgress', () => {
  it('writes nothing off a terminal', () => {
    const s = stream(false);
    const p = terminalProgress(s, () => 0);
    p.update('reading manifests: 1 files');
    p.step('evaluating');
    p.done();
    expect(s.text).toBe('');
  });

  it('rewrites one line in place, a count at most every 100 ms, a step at once, and clears it when done', () => {
    const s = stream(true);
    let t = 1000;
    const p = terminalProgress(s, () => t);
    p.update('reading manifests: 1 files');
    t += 50;
    p.update('reading manifests: 2 files');
    t += 60;
    p.update('reading manifests: 3 files');
    p.step('evaluating');
    p.done();
    expect(s.text).toBe(
      '\r\x1b[Kreading manifests: 1 files\r\x1b[Kreading manifests: 3 files\r\x1b[Kevaluating\r\x1b[K',
    );
  });

  it('cuts a line to the width of the terminal', () => {
    const s = stream(true, 20);
    terminalProgress(s, () => 0).update('x'.repeat(50));
    expect(s.text).toBe(`\r\x1b[K${'x'.repeat(18)}…`);
  });

  it('clears nothing when nothing was shown', () => {
    const s = stream(true);
    terminalProgress(s, () => 0).done();
    expect(s.text).toBe('');
  });
});
