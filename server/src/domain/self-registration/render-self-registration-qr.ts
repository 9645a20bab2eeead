/** A PNG QR code of the link, large enough to print on an A4 notice at the compound gate. */
export async function renderSelfRegistrationQr(url: string): Promise<Buffer> {
  // Loaded when first asked for: not every node start needs a QR encoder and its PNG library.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
}
