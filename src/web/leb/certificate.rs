//! The certificate as the LEB issues it (p.32.2): the fields of Appendix 3 (a category) or
//! Appendix 4 (fitness for the position), Kazakh (the seed's wording) then Russian, and the QR
//! code of its signed verify URL, as an A4 PDF with DejaVu Sans embedded (as the commission's
//! protocol: the server may have no fonts, and the Kazakh letters must be right).
//!
//! The QR is an image of the code's modules (4 pixels each, a 4-module quiet zone, grey 8-bit)
//! drawn at 40 mm: a phone reads it from paper, and a program can take it back out of the PDF
//! (the API test decodes it with rqrr).

use qrcode::{Color, EcLevel, QrCode};

use crate::domain::certificate::{Fields, Kind};
use crate::store::certificate::CertificateRow;
use crate::web::commission::protocol::FONT;

/// Pixels per QR module in the embedded image.
pub const MODULE_PX: usize = 4;
/// Modules of white around the code (the QR standard's quiet zone).
pub const QUIET_MODULES: usize = 4;
/// The printed width of the QR code.
const QR_MM: f32 = 40.0;

/// One line of the certificate: a title (larger) or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub title: bool,
    pub text: String,
}

/// `2026-12-03` as the forms write a date: «03.12.2026».
pub fn dotted(date: jiff::civil::Date) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// The certificate's text, line by line: the form's fields in Kazakh, then Russian.
pub fn lines(number: &str, f: &Fields, annulled: bool) -> Vec<Line> {
    let mut out = Vec::new();
    let mut push = |title, text: String| out.push(Line { title, text });
    let (title_kk, title_ru) = f.kind.title();
    push(true, title_kk.into());
    push(true, title_ru.into());
    push(false, format!("№ {number}"));
    if annulled {
        push(true, "КҮШІН ЖОЙДЫ / АННУЛИРОВАНО (19-т. / п.19)".into());
    }
    push(false, format!("({})", f.leb_kk));
    push(
        false,
        format!(
            "{} жылғы № {} шешімімен",
            dotted(f.decided_on),
            f.order_number
        ),
    );
    push(false, format!("Т.А.Ә. (бар болса): {}", f.full_name));
    match (f.kind, f.category) {
        (Kind::Appendix3, Some(c)) => {
            push(
                false,
                format!(
                    "{} дейінгі мерзіммен «{}» біліктілік санаты берілді",
                    dotted(f.valid_until),
                    c.name_kk()
                ),
            );
        }
        _ => {
            push(
                false,
                format!("«{}» атқаратын лауазымына сәйкес келеді.", f.position_kk),
            );
            push(
                false,
                format!(
                    "Куәліктің қолданылу мерзімі {} дейін.",
                    dotted(f.valid_until)
                ),
            );
        }
    }
    push(
        false,
        "Басшы ____________ (Т.А.Ә. (бар болса), қолы)   М.О.".into(),
    );
    push(false, format!("Берілген орны: {}", f.place_kk));
    push(false, format!("Күні: {}", dotted(f.issued_on)));
    push(false, String::new());
    push(false, format!("({})", f.leb_ru));
    push(
        false,
        format!("Решением от {} № {}", dotted(f.decided_on), f.order_number),
    );
    push(false, format!("Ф.И.О. (при наличии): {}", f.full_name));
    match (f.kind, f.category) {
        (Kind::Appendix3, Some(c)) => {
            push(
                false,
                format!(
                    "сроком до {} присвоена квалификационная категория «{}»",
                    dotted(f.valid_until),
                    c.name_ru()
                ),
            );
        }
        _ => {
            push(
                false,
                format!("соответствует занимаемой должности «{}».", f.position_ru),
            );
            push(
                false,
                format!("Срок действия удостоверения до {}.", dotted(f.valid_until)),
            );
        }
    }
    push(
        false,
        "Руководитель ____________ (Ф.И.О. (при наличии), подпись)   М.П.".into(),
    );
    push(false, format!("Место выдачи: {}", f.place_ru));
    push(false, format!("Дата: {}", dotted(f.issued_on)));
    out
}

/// The QR code of `url` as grey pixels (0 black, 255 white): its width in pixels and the rows.
pub fn qr_pixels(url: &str) -> Result<(usize, Vec<u8>), String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the verify URL does not fit a QR code: {e}"))?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_MODULES) * MODULE_PX;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET_MODULES, i / modules + QUIET_MODULES);
        for dy in 0..MODULE_PX {
            let start = (my * MODULE_PX + dy) * side + mx * MODULE_PX;
            pixels[start..start + MODULE_PX].fill(0);
        }
    }
    Ok((side, pixels))
}

/// The certificate as an A4 PDF: the lines, then the QR code with the URL written under it.
pub fn pdf(c: &CertificateRow) -> Result<Vec<u8>, String> {
    use printpdf::{
        Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
        RawImage, RawImageData, RawImageFormat, TextItem, XObjectTransform,
    };
    const WIDTH_MM: f32 = 210.0;
    const HEIGHT_MM: f32 = 297.0;
    const MARGIN_MM: f32 = 20.0;
    let font = ParsedFont::from_bytes(FONT, 0, &mut Vec::new())
        .ok_or_else(|| "the embedded font does not parse".to_string())?;
    let mut doc = PdfDocument::new(&format!("Certificate {}", c.number));
    let font = PdfFontHandle::External(doc.add_font(&font));
    let mut ops = Vec::new();
    let mut y = HEIGHT_MM - MARGIN_MM;
    let text = |ops: &mut Vec<Op>, y: f32, size: f32, line: String| {
        ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point {
                    x: Mm(MARGIN_MM).into(),
                    y: Mm(y).into(),
                },
            },
            Op::SetFont {
                font: font.clone(),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(line)],
            },
            Op::EndTextSection,
        ]);
    };
    for line in lines(&c.number, &c.fields, c.annulled_at.is_some()) {
        let size = if line.title { 13.0 } else { 10.5 };
        let per_line = ((WIDTH_MM - 2.0 * MARGIN_MM) / (size * 0.3528 * 0.55)) as usize;
        y -= if line.title { 2.5 } else { 1.0 };
        for part in wrap(&line.text, per_line) {
            text(&mut ops, y, size, part);
            y -= size * 0.3528 * 1.4;
        }
    }
    let (side, pixels) = qr_pixels(&c.verify_url)?;
    let image = doc.add_image(&RawImage {
        pixels: RawImageData::U8(pixels),
        width: side,
        height: side,
        data_format: RawImageFormat::R8,
        tag: Vec::new(),
    });
    let qr_bottom = y - 4.0 - QR_MM;
    ops.push(Op::UseXobject {
        id: image,
        transform: XObjectTransform {
            translate_x: Some(Mm(MARGIN_MM).into()),
            translate_y: Some(Mm(qr_bottom).into()),
            dpi: Some(side as f32 * 25.4 / QR_MM),
            ..Default::default()
        },
    });
    let base = c.verify_url.split('?').next().unwrap_or(&c.verify_url);
    text(
        &mut ops,
        qr_bottom - 5.0,
        9.0,
        format!("Тексеру / Проверка: {base}"),
    );
    let pages = vec![PdfPage::new(Mm(WIDTH_MM), Mm(HEIGHT_MM), ops)];
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new()))
}

/// `text` cut at spaces into lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificate::Verdict;
    use crate::domain::rules::Category;
    use jiff::civil::date;

    fn fields(kind: Kind) -> Fields {
        Fields {
            kind,
            leb_kk: "Астана қаласы ... органы".into(),
            leb_ru: "Местный исполнительный орган (Город Астана)".into(),
            region: "astana".into(),
            decided_on: date(2026, 12, 3),
            order_number: "17-ө".into(),
            full_name: "Гауһар Әбілқызы".into(),
            category: (kind == Kind::Appendix3).then_some(Category::Mentor),
            position: "cc_employment_specialist".into(),
            position_kk: "Маман".into(),
            position_ru: "Специалист".into(),
            verdict: Verdict::CategoryAssigned {
                category: Category::Mentor,
            },
            valid_until: date(2029, 12, 3),
            place_kk: "Астана қаласы".into(),
            place_ru: "Город Астана".into(),
            issued_on: date(2026, 12, 4),
        }
    }

    #[test]
    fn appendix_3_says_the_category_and_its_term_in_both_languages() {
        let text: Vec<String> = lines("18-2026-00001-7KQ3X", &fields(Kind::Appendix3), false)
            .into_iter()
            .map(|l| l.text)
            .collect();
        let all = text.join("\n");
        assert!(
            all.contains("Біліктілік санатын беру туралы куәлік"),
            "{all}"
        );
        assert!(
            all.contains("03.12.2029 дейінгі мерзіммен «тәлімгер» біліктілік санаты берілді"),
            "{all}"
        );
        assert!(
            all.contains("сроком до 03.12.2029 присвоена квалификационная категория «наставник»"),
            "{all}"
        );
        assert!(all.contains("03.12.2026 жылғы № 17-ө шешімімен"), "{all}");
        assert!(!all.contains("АННУЛИРОВАНО"));
    }

    #[test]
    fn appendix_4_says_the_position_and_an_annulled_one_says_so() {
        let all: String = lines("18-2026-00001-7KQ3X", &fields(Kind::Appendix4), true)
            .into_iter()
            .map(|l| l.text + "\n")
            .collect();
        assert!(
            all.contains("Атқаратын лауазымына сәйкестігі туралы куәлік"),
            "{all}"
        );
        assert!(
            all.contains("соответствует занимаемой должности «Специалист»."),
            "{all}"
        );
        assert!(
            all.contains("Срок действия удостоверения до 03.12.2029."),
            "{all}"
        );
        assert!(all.contains("АННУЛИРОВАНО"), "{all}");
    }

    #[test]
    fn the_qr_pixels_decode_back_to_the_url() {
        let url = "http://127.0.0.1:1/verify/18-2026-00001-7KQ3X?p=eyJ2IjoxfQ&s=abc";
        let (side, pixels) = qr_pixels(url).unwrap();
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, url);
    }
}
