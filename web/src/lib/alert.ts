/**
 * A new job or an emergency must be noticed without looking: a short two-tone beep made with Web
 * Audio (no sound file to download) and a vibration where the device supports it. Browsers only allow
 * sound after the user touched the page, so the audio context is unlocked on the first touch.
 */
let context: AudioContext | null = null;

export function unlockAudio(): void {
  if (!context) {
    try {
      context = new AudioContext();
    } catch {
      return;
    }
  }
  if (context.state === 'suspended') void context.resume();
}

function tone(audio: AudioContext, frequency: number, start: number, length: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + length + 0.05);
}

export function playAlert(): void {
  if (context && context.state === 'running') {
    const now = context.currentTime;
    tone(context, 880, now, 0.18);
    tone(context, 1320, now + 0.22, 0.25);
  }
  if (typeof navigator.vibrate === 'function') navigator.vibrate([200, 100, 200]);
}
