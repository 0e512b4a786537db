/**
 * A fake popup host for `popupSupport({ host })`: records the windows the opener opens, can refuse to open one
 * (a popup blocker) and can lose focus. Shared by core's and React's popup tests.
 */
import type { PopupHost, PopupWindow } from '../popup.js';

/** A popup window as the opener sees it; `navigated` resolves with the URL it was sent to. */
export class FakePopup implements PopupWindow {
  closed = false;
  focusCalls = 0;
  closeCalls = 0;
  readonly navigated: Promise<string>;
  readonly location: { replace(url: string): void };
  constructor() {
    let arrive!: (url: string) => void;
    this.navigated = new Promise((resolve) => (arrive = resolve));
    this.location = { replace: (url) => arrive(url) };
  }
  focus(): void {
    this.focusCalls += 1;
  }
  close(): void {
    this.closeCalls += 1;
    this.closed = true;
  }
}

/** Where the opener opens windows: `blocked` makes `open` return null; `focused` is what `hasFocus` says. */
export interface FakeHost extends PopupHost {
  blocked: boolean;
  focused: boolean;
  windows: FakePopup[];
}

export function fakeHost(): FakeHost {
  const host: FakeHost = {
    blocked: false,
    focused: true,
    windows: [],
    open: () => (host.blocked ? null : (host.windows[host.windows.length] = new FakePopup())),
    hasFocus: () => host.focused,
  };
  return host;
}
