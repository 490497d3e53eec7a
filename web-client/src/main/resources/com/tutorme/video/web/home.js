// The home page: in development mode, links to both sides of the demo lesson.
const response = await fetch('/api/dev/demo').catch(() => null);
if (response?.ok) {
  const demo = await response.json();
  document.getElementById('demo-student').href = demo.student.url;
  document.getElementById('demo-tutor').href = demo.tutor.url;
  document.getElementById('demo-stranger').href = demo.stranger.url;
  document.getElementById('demo').hidden = false;
}
