import QRCode from 'qrcode';

/** A PNG QR code of the link, large enough to print on an A4 notice at the compound gate. */
export function renderSelfRegistrationQr(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
}
