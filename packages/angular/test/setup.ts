import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

// Angular is loaded once per worker (an external dependency), so a second test file in the same
// worker finds the environment already set up.
const testBed = getTestBed();
if (!testBed.platform) {
  // No zone.js anywhere: every TestBed in these tests also adds provideZonelessChangeDetection().
  testBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
    teardown: { destroyAfterEach: true },
  });
}
