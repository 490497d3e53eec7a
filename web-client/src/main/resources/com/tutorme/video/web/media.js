// Camera and microphone: opening them with sensible fallbacks, and words for what went wrong.

/**
 * Opens camera and microphone; without a camera (none, busy, or blocked while the microphone
 * is allowed), the microphone alone; without a microphone, the camera alone; with neither
 * device on the machine, nothing, to watch and listen. Resolves with {stream, note}; rejects
 * when the microphone is there but blocked or busy.
 */
export async function openMedia() {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }), note: null };
  } catch (error) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const why = error.name === 'NotAllowedError' ? 'Your camera is blocked'
        : 'No camera could be used';
      return { stream, note: `${why}, so you are in the lesson with audio only.` };
    } catch (audioError) {
      if (audioError.name !== 'NotFoundError') throw audioError;
      return withoutMicrophone();
    }
  }
}

/** No microphone on this machine: the camera alone if there is one, else nothing. */
async function withoutMicrophone() {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    return { stream, note: 'No microphone was found, so the other side can see you but not hear you.' };
  } catch (error) {
    // A camera there but refused is not "none found".
    const camera = error.name === 'NotFoundError' ? 'no camera was found either'
      : 'the camera could not be used';
    return {
      stream: new MediaStream(),
      note: `No microphone was found and ${camera}: you can see and hear the lesson, and chat.`,
    };
  }
}

/** A heading for what openMedia() rejected with. */
export function mediaErrorTitle(error) {
  return error?.name === 'NotAllowedError' || error?.name === 'SecurityError'
    ? 'Your microphone is blocked' : 'Your microphone could not be started';
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
      return 'You blocked microphone access. Allow it in your browser\'s site settings (the icon left of the address), then try again.';
    case 'NotFoundError':
      return 'No microphone was found. Connect one and try again.';
    case 'NotReadableError':
      return 'Your microphone is in use by another app. Close it and try again.';
    default:
      return `Your camera and microphone could not be started (${error?.message ?? error}).`;
  }
}
