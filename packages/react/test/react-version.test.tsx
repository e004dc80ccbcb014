import { render } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { expect, test } from 'vitest';

// Guards the React 18 project's aliasing: a silent fallback to React 19 would make the peer range
// claim something no test checked.
test('each project runs the React major it is named after, everywhere', () => {
  const major = process.env.REACT_MAJOR;
  expect(version.split('.')[0]).toBe(major);
  expect(domVersion).toBe(version);
  expect(renderToString(<b>{version}</b>)).toBe(`<b>${version}</b>`);
  expect(render(<i>{version}</i>).container.textContent).toBe(version);
});
