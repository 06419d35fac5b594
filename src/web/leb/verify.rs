//! The public page `/verify/{number}` (kk, ru): what anyone who scanned a certificate's QR
//! code, or typed its number, may learn — whether the certificate is genuine, current or
//! annulled, and no more than the certificate itself shows (no IIN, no score). Rendered by
//! the server, no script; the published public keys are listed so that a verifier can also
//! check the QR offline (docs/certificates.md).

use crate::app::leb::Verification;
use crate::domain::certificate::Kind;
use crate::store::certificate::PublicKey;

use super::certificate::dotted;

fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// The verdict of a check, in Kazakh and Russian, and its CSS class.
pub fn headline(found: Option<&Verification>) -> (&'static str, &'static str, &'static str) {
    match found {
        None => (
            "unknown",
            "Мұндай нөмірлі куәлік берілмеген",
            "Удостоверение с таким номером не выдавалось",
        ),
        Some(v) if v.seal_valid == Some(false) => (
            "forged",
            "QR-код осы нөмірлі куәлікке сәйкес келмейді: куәлік түпнұсқа емес",
            "QR-код не соответствует удостоверению с этим номером: удостоверение не подлинное",
        ),
        Some(v) if v.certificate.annulled_at.is_some() => (
            "annulled",
            "Куәлік түпнұсқа, бірақ оның күші жойылды (тест нәтижесі жарамсыз деп танылды, 19-т.)",
            "Удостоверение подлинное, но аннулировано (результат тестирования признан недействительным, п.19)",
        ),
        Some(v) if !v.current => (
            "expired",
            "Куәлік түпнұсқа, қолданылу мерзімі өтті",
            "Удостоверение подлинное, срок действия истёк",
        ),
        Some(_) => (
            "current",
            "Куәлік түпнұсқа және қолданыста",
            "Удостоверение подлинное и действительно",
        ),
    }
}

/// The page for `number`.
pub fn page(number: &str, found: Option<&Verification>, keys: &[PublicKey]) -> String {
    let (class, kk, ru) = headline(found);
    let mut body = format!(
        "<h1>Куәлікті тексеру / Проверка удостоверения</h1>\n<p>№ <strong>{}</strong></p>\n\
         <p class=\"verdict {class}\" data-status=\"{class}\">{}<br>{}</p>\n",
        escape(number),
        escape(kk),
        escape(ru)
    );
    if let Some(v) = found {
        let f = &v.certificate.fields;
        let (title_kk, title_ru) = f.kind.title();
        let what = match (f.kind, f.category) {
            (Kind::Appendix3, Some(c)) => format!(
                "Біліктілік санаты / Квалификационная категория: {} / {}",
                c.name_kk(),
                c.name_ru()
            ),
            _ => format!(
                "Атқаратын лауазымына сәйкес келеді / Соответствует занимаемой должности: {} / {}",
                f.position_kk, f.position_ru
            ),
        };
        let rows = [
            format!("{title_kk} / {title_ru}"),
            format!("{} / {}", f.leb_kk, f.leb_ru),
            format!("Т.А.Ә. / Ф.И.О.: {}", f.full_name),
            what,
            format!(
                "Шешім / Решение: {} № {}",
                dotted(f.decided_on),
                f.order_number
            ),
            format!(
                "Қолданылу мерзімі / Срок действия: {} дейін / до {}",
                dotted(f.valid_until),
                dotted(f.valid_until)
            ),
            format!(
                "Берілген орны / Место выдачи: {} / {}",
                f.place_kk, f.place_ru
            ),
            format!("Берілген күні / Дата выдачи: {}", dotted(f.issued_on)),
        ];
        body.push_str("<ul class=\"certificate\">\n");
        for row in rows {
            body.push_str(&format!("<li>{}</li>\n", escape(&row)));
        }
        body.push_str("</ul>\n");
        if v.seal_valid == Some(true) {
            body.push_str(
                "<p class=\"seal\">QR-кодтың қолтаңбасы расталды / Подпись QR-кода проверена (Ed25519)</p>\n",
            );
        }
    }
    body.push_str(
        "<h2>Ашық кілттер / Открытые ключи (Ed25519, base64url)</h2>\n<ul class=\"keys\">\n",
    );
    for k in keys {
        body.push_str(&format!(
            "<li><code>{}</code>: <code>{}</code>{}</li>\n",
            escape(&k.key_id),
            escape(&k.public_key),
            if k.active {
                ""
            } else {
                " (ескірген / выведен)"
            }
        ));
    }
    body.push_str(
        "</ul>\n<p><a href=\"/api/v1/certificates/key\">/api/v1/certificates/key</a></p>\n",
    );
    format!(
        "<!doctype html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Куәлікті тексеру / Проверка удостоверения</title>\
         <link rel=\"stylesheet\" href=\"/assets/shared/page.css\"></head>\n\
         <body><main class=\"verify\">\n{body}</main></body></html>\n"
    )
}
