// The slow project's tests start processes, builds and clusters: three minutes each unless a file says otherwise
// (jest's testTimeout is one for the whole run, so a project sets its own here).
jest.setTimeout(180_000);
