/** The app shell; pages are added by the UI issue (#7). */
export function App() {
  return (
    <main>
      <h1>CoverDAO</h1>
    </main>
  );
}
