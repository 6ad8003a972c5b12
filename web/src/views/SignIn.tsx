import { useState, type FormEvent } from 'react';

const KEY_FORMAT = /^jg_[0-9a-f-]{36}_\S+$/;

/** Sign-in with an API key. The key stays in this tab (sessionStorage) and goes to the API as `Authorization: Bearer`. */
export function SignIn({ notice, onSubmit }: { notice: string | null; onSubmit(key: string): void }) {
  const [key, setKey] = useState('');
  const [shown, setShown] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!KEY_FORMAT.test(trimmed)) {
      setProblem('An API key reads jg_<id>_<secret>, as it was shown when it was created. Paste the whole key.');
      return;
    }
    onSubmit(trimmed);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <h1 id="signin-title">JourneyGraph dashboard</h1>
        <p>Sign in with an API key of your workspace. The key is kept only in this browser tab and is forgotten when you close it.</p>
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <label htmlFor="api-key">API key</label>
        <div className="key-row">
          <input
            id="api-key"
            name="api-key"
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            placeholder="jg_…"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setProblem(null);
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'key-problem' : 'key-help'}
            autoFocus
          />
          <button type="button" onClick={() => setShown(!shown)} aria-pressed={shown}>
            {shown ? 'Hide' : 'Show'}
          </button>
        </div>
        {problem ? (
          <p id="key-problem" className="field-problem" role="alert">
            {problem}
          </p>
        ) : (
          <p id="key-help" className="help">
            <code>npm start</code> prints the demo workspace&apos;s ADMIN and VIEWER keys. An admin creates others with <code>createApiKey</code>.
          </p>
        )}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
