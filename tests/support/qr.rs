//! The certificate's QR code read back out of its PDF, as a phone would read the printed form:
//! the one image of the page (lopdf, through pdf-extract), decoded with rqrr. Shared by the
//! API tests and the end-to-end browser test.

/// The QR code's text, taken out of the PDF's one image (lopdf, through pdf-extract) and
/// decoded with rqrr.
pub fn qr_of_pdf(pdf: &[u8]) -> String {
    use pdf_extract::{Document, Object};
    let doc = Document::load_mem(pdf).unwrap();
    let images: Vec<&pdf_extract::Stream> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s)
                if s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok())
                    == Some(&b"Image"[..]) =>
            {
                Some(s)
            }
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 1, "one image: the QR code");
    let image = images[0];
    let int = |key: &[u8]| image.dict.get(key).unwrap().as_i64().unwrap() as usize;
    let (w, h) = (int(b"Width"), int(b"Height"));
    assert_eq!(
        image.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceGray"
    );
    let pixels = image.decompressed_content().unwrap();
    assert_eq!(pixels.len(), w * h, "8-bit grey");
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}
