// Typed failures of the trace module. The pipeline turns them into StampError('trace-failed'),
// so a copy is never handed out silently without its trace.
export type TraceErrorCode = 'key-format' | 'key-checksum' | 'code-format' | 'picture-too-small' | 'bad-pixels';

export class TraceError extends Error {
  override readonly name = 'TraceError';
  constructor(
    readonly code: TraceErrorCode,
    detail = '',
  ) {
    super(`trace: ${code}${detail ? ` (${detail})` : ''}`);
  }
}
