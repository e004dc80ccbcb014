/**
 * The sdk's small interface over rrweb. Nothing outside `src/mirror/` imports rrweb, so the
 * recorder or the replayer can be swapped (or faked in tests) in one place.
 *
 * @example
 * ```ts
 * import { createRecorder, createMirror } from '../mirror/index';
 * const rec = createRecorder({ emit: (e) => send(e) });
 * const view = createMirror(document.getElementById('view')!);
 * ```
 * @module
 */
export { createRecorder, maskPolicy, toRecordOptions } from './record';
export { createMirror, fitTransform } from './replay';
export * from './types';
