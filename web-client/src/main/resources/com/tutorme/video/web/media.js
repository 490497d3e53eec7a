// Camera and microphone: opening them with sensible fallbacks, and words for what went wrong.

/**
 * Opens camera and microphone; without a camera, the microphone alone (the lesson still
 * works, audio-only). Resolves with {stream, note}; rejects only when neither can be used.
 */
export async function openMedia() {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }), note: null };
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') throw error;
    // No camera (NotFoundError), or it is busy (NotReadableError): go on with the microphone.
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    return { stream, note: 'No camera could be used, so you are in the lesson with audio only.' };
  }
}

export async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const byKind = { videoinput: [], audioinput: [], audiooutput: [] };
  for (const device of devices) byKind[device.kind]?.push(device);
  return byKind;
}

export function describeMediaError(error) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'You blocked camera and microphone access. Allow it in your browser\'s site settings (the icon left of the address), then try again.';
    case 'NotFoundError':
      return 'No microphone was found. Connect one and try again.';
    case 'NotReadableError':
      return 'Your microphone is in use by another app. Close it and try again.';
    default:
      return `Your camera and microphone could not be started (${error?.message ?? error}).`;
  }
}
