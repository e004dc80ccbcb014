// @vitest-environment jsdom
import { test } from 'vitest';
import { createRecorder } from './record';
import { createMirror } from './replay';

test('probe', async () => {
  document.body.innerHTML = '<p class="x">Hello <b>world</b></p><input id="a" value="secret"><input type="password" value="pw"><input type="hidden" value="tok"><style>.x{color:red}</style>';
  const events: any[] = [];
  const rec = createRecorder({ emit: (e) => events.push(e), piiMask: { maskType: 'all_input' } });
  await new Promise((r) => setTimeout(r, 50));
  console.log(JSON.stringify(events).slice(0, 3000));
  rec.stop();
  const mount = document.createElement('div');
  document.body.appendChild(mount);
  const m = createMirror(mount);
  m.apply(events, { reset: true });
  await new Promise((r) => setTimeout(r, 100));
  const iframe = mount.querySelector('iframe');
  console.log('iframe', iframe?.getAttribute('sandbox'), iframe?.contentDocument?.body?.innerHTML);
});
