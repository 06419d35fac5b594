// synaq — the candidate's exam page (/exam) and personal cabinet (/me).
//
// Plain JS, no build step. Speaks docs/protocol.md: HTTP for login, rules and start; the
// WebSocket /ws/exam for the exam itself. Every answer goes to an OUTBOX in localStorage
// first (with a monotonic `seq`), is sent when connected and removed on `ack`, so a lost
// connection or a reload loses nothing. The countdown is the server's `deadline` minus the
// server's clock, estimated from `server_time` on every message — never the local clock.
// Times are shown in Asia/Almaty. All strings are in Kazakh (default) and Russian.
'use strict';

(() => {
  // ---------------------------------------------------------------- strings (kk, ru)
  const STRINGS = {
    kk: {
      'skip': 'Негізгі мазмұнға өту',
      'app.title': 'Аттестаттау тестілеуі',
      'loading': 'Жүктелуде…',
      'lang.switch': 'Интерфейс тілі',
      'lang.kk': 'Қазақ тілі',
      'lang.ru': 'Орыс тілі',
      'login.title': 'Тестілеуге кіру',
      'login.code': 'Бір реттік кіру коды',
      'login.hint': 'Пішімі: XXXX-XXXX-XXXX-XXXX. Кіші әріптермен және бос орынмен енгізуге болады.',
      'login.submit': 'Кіру',
      'login.bad_format': 'Код 16 таңбадан (латын әріптері мен цифрлар) тұруы керек.',
      'err.bad_code': 'Код дұрыс емес немесе жарамсыз.',
      'err.rate_limited': 'Әрекет тым көп. Біраз уақыттан кейін қайталап көріңіз.',
      'err.network': 'Серверге қосылу мүмкін болмады. Желіні тексеріп, қайталаңыз.',
      'err.session_lost': 'Сеанс аяқталды. Кодпен қайта кіріңіз.',
      'err.generic': 'Қате: {msg}',
      'rules.title': 'Тестілеу қағидалары',
      'rules.candidate': 'Аттестатталушы',
      'rules.position': 'Лауазымы',
      'rules.campaign': 'Аттестаттау',
      'rules.procedure': 'Рәсім',
      'rules.untimed': 'Қағидалармен танысу уақыты тестілеу уақытына кірмейді (18-т.). Уақыт «Тестілеуді бастау» батырмасын басқан сәттен есептеледі.',
      'rules.lang_legend': 'Тестілеу тілі',
      'rules.r1': 'Тест 100 сұрақтан тұрады: 50 сұрақ – нормативтік құқықтық актілерді білуге, 50 сұрақ – еңбек функциялары мен лауазымдық міндеттерді орындауға қажетті білім мен дағдыларға (16-т.).',
      'rules.r2': 'Тестілеу ұзақтығы – басталған сәттен бастап {min} минут (18-т.). Уақыт біткенде берілген жауаптар автоматты түрде тапсырылады.',
      'rules.r3': 'Сұрақтар арасында еркін ауысуға, жауапты өзгертуге және сұрақты кейін қайта қарау үшін белгілеуге болады. Әр жауап серверде бірден сақталады.',
      'rules.r4': 'Байланыс үзілсе, жауаптар осы браузерде сақталып, байланыс қалпына келгенде жіберіледі. Уақыт тоқтамайды.',
      'rules.r5': 'Тестілеу прокторинг жүйесінің бақылауымен өтеді: мінез-құлық бақыланады, хаттамаланады және бағаланады (13-т.).',
      'rules.r6': 'Прокторинг жүйесі бұзушылықты анықтаса, тестілеу қашан өткеніне қарамастан нәтиженің күші жойылады (19-т.).',
      'rules.r7': 'Нәтиже тестілеу аяқталған соң бірден экранда және жеке кабинетте көрсетіледі (20-т.).',
      'rules.r8': 'Нәтижемен келіспесеңіз, әр сұрақ бойынша негізделген түсініктеме бере отырып, Платформа арқылы екі жұмыс күнінен кешіктірмей апелляция бере аласыз (21-т.).',
      'rules.read': 'Тестілеу қағидаларымен таныстым',
      'rules.start': 'Тестілеуді бастау',
      'keys.title': 'Пернетақтамен басқару',
      'keys.help': '<ul><li><kbd>1</kbd>–<kbd>5</kbd> — жауап нұсқасын таңдау (бірнеше жауапты сұрақта — белгілеу/алу)</li><li><kbd>←</kbd> <kbd>→</kbd> — алдыңғы / келесі сұрақ</li><li><kbd>↑</kbd> <kbd>↓</kbd> — нұсқалар арасында жылжу, <kbd>Бос орын</kbd> — таңдау</li><li><kbd>F</kbd> — сұрақты белгілеу / белгіні алу</li><li><kbd>Tab</kbd> — батырмалар бойынша жылжу; сұрақтар тізімінде <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> — жылжу, <kbd>Enter</kbd> — сұраққа өту</li></ul>',
      'exam.wait': 'Тестілеу серверіне қосылуда…',
      'exam.question': 'Сұрақ {n} / {total}',
      'section.legal': 'Нормативтік құқықтық актілер',
      'section.functional': 'Еңбек функциялары мен лауазымдық міндеттер',
      'kind.single': 'Бір жауапты таңдаңыз.',
      'kind.multiple': 'Бір немесе бірнеше жауапты таңдаңыз.',
      'exam.prev': 'Алдыңғы',
      'exam.next': 'Келесі',
      'exam.flag': 'Белгілеу',
      'exam.clear': 'Жауапты өшіру',
      'exam.submit': 'Тестілеуді аяқтау',
      'nav.title': 'Сұрақтар',
      'nav.counts': 'Жауап берілді: {a} / {total} · белгіленген: {f}',
      'nav.item': 'Сұрақ {n}',
      'nav.answered': 'жауап берілді',
      'nav.pending': 'жауап әлі жіберілмеді',
      'nav.flagged': 'белгіленген',
      'nav.current': 'ағымдағы сұрақ',
      'timer.label': 'Қалған уақыт',
      'timer.until': 'аяқталуы {time} (Алматы)',
      'timer.warn10': 'Тестілеудің аяқталуына 10 минут қалды.',
      'timer.warn5': 'Тестілеудің аяқталуына 5 минут қалды.',
      'timer.up': 'Уақыт бітті. Сервер жауабы күтілуде…',
      'conn.connecting': 'Қосылуда…',
      'conn.connected': 'Байланыс бар',
      'conn.reconnecting': 'Байланыс қалпына келтірілуде…',
      'conn.offline': 'Желі жоқ',
      'save.all': 'барлық жауап сақталды',
      'save.pending': 'жіберілмеген: {n} (осы құрылғыда сақталған)',
      'submit.title': 'Тестілеуді аяқтау керек пе?',
      'submit.unanswered': 'Жауап берілмеген сұрақтар: {n} / {total}.',
      'submit.flagged': 'Белгіленген сұрақтар: {n}.',
      'submit.final': 'Аяқтағаннан кейін жауаптарды өзгерту мүмкін емес.',
      'submit.pending': 'Жіберілмеген жауаптар: {n}. Байланыс қалпына келгенше күтіңіз.',
      'submit.offline': 'Байланыс жоқ. Байланыс қалпына келгенше күтіңіз.',
      'submit.confirm': 'Иә, аяқтау',
      'submit.cancel': 'Тестілеуге оралу',
      'submit.sending': 'Тапсырылуда…',
      'wserr.bad_choice': '{n}-сұраққа жауап қабылданбады.',
      'wserr.unknown_question': '{n}-сұрақ табылмады.',
      'wserr.malformed': 'Сервер хабарды қабылдамады.',
      'wserr.too_large': 'Хабар тым үлкен.',
      'wserr.time_up': 'Уақыт бітті, жауап қабылданбады.',
      'wserr.not_in_progress': 'Тестілеу жүріп жатқан жоқ.',
      'notice': 'Хабарландыру: {msg}',
      'ended.submitted': 'Тестілеу аяқталды.',
      'ended.time_up': 'Уақыт бітті — тестілеу аяқталды.',
      'ended.forced': 'Тестілеуді әкімші аяқтады.',
      'ended.voided': 'Тестілеу нәтижесінің күші жойылды (19-т.).',
      'ended.taken_over': 'Тестілеу басқа терезеде ашылды, бұл терезе ажыратылды.',
      'ended.not_authenticated': 'Сеанс аяқталды. Кодпен қайта кіріңіз.',
      'message.taken_over_title': 'Тестілеу басқа терезеде',
      'message.continue_here': 'Осы терезеде жалғастыру',
      'message.voided_title': 'Нәтиже жойылды',
      'message.closed_title': 'Байланыс жабылды',
      'message.closed': 'Сервер байланысты жапты (код {code}). Бетті қайта жүктеңіз.',
      'message.reload': 'Бетті қайта жүктеу',
      'result.title': 'Тестілеу нәтижесі',
      'result.percent': 'Нәтиже',
      'result.correct': 'Дұрыс жауаптар: {c} / {t}',
      'result.decision': 'Шешім',
      'result.threshold': 'Шекті деңгей: {t}%',
      'result.passed': 'Шекті деңгейге жетті',
      'result.failed': 'Шекті деңгейге жеткен жоқ',
      'result.reattest': '{m} ай ішінде қайта аттестаттаудан өту (27-т.).',
      'result.appeal': 'Нәтижемен келіспесеңіз, Платформа арқылы екі жұмыс күнінен кешіктірмей апелляция бере аласыз (21-т.).',
      'result.pending': 'Нәтиже есептелуде. Ол жеке кабинетте көрсетіледі (20-т.).',
      'result.decision_pending': 'Аттестаттау шешімі кейінірек жеке кабинетте көрсетіледі.',
      'result.cabinet': 'Жеке кабинет',
      'logout': 'Шығу',
      'me.title': 'Жеке кабинет',
      'me.candidate': 'Аттестатталушы',
      'me.organization': 'Жұмыс орны',
      'me.attestation': 'Аттестаттау',
      'me.term': 'Аттестаттаудан өту мерзімі',
      'me.access': 'Қолжетімділік',
      'me.duration': 'Тестілеу ұзақтығы',
      'me.minutes': '{m} минут',
      'reason.submitted': 'аттестатталушы тапсырды',
      'reason.time_up': 'уақыт бітті',
      'reason.forced': 'әкімші аяқтады',
      'access.open': 'Тестілеуге кіру ашық',
      'access.in_progress': 'Тестілеу жүріп жатыр',
      'access.closed': 'Тестілеу аяқталды, кіру жабық',
      'me.access_yes': 'Тестілеуге жіберілді',
      'me.access_no': 'Тестілеуге жіберілмеген',
      'me.status': 'Мәртебесі',
      'me.result': 'Нәтиже',
      'me.appeal_until': 'Апелляция беру мерзімі',
      'me.none': 'Аттестаттау тағайындалмаған.',
      'me.login_needed': 'Кабинетті ашу үшін бір реттік кодпен кіріңіз.',
      'me.go_exam': 'Тестілеу бетіне өту',
      'status.scheduled': 'Тағайындалды',
      'status.rules': 'Қағидалармен танысу',
      'status.in_progress': 'Тестілеу жүріп жатыр',
      'status.submitted': 'Тапсырылды, нәтиже есептелуде',
      'status.expired': 'Уақыты өтті, нәтиже есептелуде',
      'status.scored': 'Нәтиже шығарылды',
      'status.voided': 'Нәтиженің күші жойылды',
      'procedure.primary': 'бастапқы аттестаттау',
      'procedure.periodic': 'атқаратын лауазымына сәйкестігін растау',
      'procedure.category': 'біліктілік санатына өтініш беру',
      'procedure.reattestation': 'қайта аттестаттау',
      'result.category': 'Біліктілік санаты: {c}',
      'category.no_category': 'санатсыз',
      'category.career_consultant': 'мансап консультанты',
      'category.case_manager': 'кейс-менеджер',
      'category.mentor': 'тәлімгер',
    },
    ru: {
      'skip': 'Перейти к основному содержанию',
      'app.title': 'Аттестационное тестирование',
      'loading': 'Загрузка…',
      'lang.switch': 'Язык интерфейса',
      'lang.kk': 'Казахский язык',
      'lang.ru': 'Русский язык',
      'login.title': 'Вход на тестирование',
      'login.code': 'Одноразовый код доступа',
      'login.hint': 'Формат: XXXX-XXXX-XXXX-XXXX. Можно вводить строчными буквами и с пробелами.',
      'login.submit': 'Войти',
      'login.bad_format': 'Код должен состоять из 16 символов (латинские буквы и цифры).',
      'err.bad_code': 'Неверный или недействительный код.',
      'err.rate_limited': 'Слишком много попыток. Повторите немного позже.',
      'err.network': 'Не удалось связаться с сервером. Проверьте сеть и повторите.',
      'err.session_lost': 'Сеанс завершён. Войдите снова с кодом.',
      'err.generic': 'Ошибка: {msg}',
      'rules.title': 'Правила тестирования',
      'rules.candidate': 'Аттестуемый',
      'rules.position': 'Должность',
      'rules.campaign': 'Аттестация',
      'rules.procedure': 'Процедура',
      'rules.untimed': 'Время ознакомления с правилами не входит во время тестирования (п.18). Отсчёт начинается с нажатия кнопки «Начать тестирование».',
      'rules.lang_legend': 'Язык тестирования',
      'rules.r1': 'Тест состоит из 100 вопросов: 50 — на знание нормативных правовых актов, 50 — на знания и навыки, необходимые для выполнения трудовых функций и должностных обязанностей (п.16).',
      'rules.r2': 'Продолжительность тестирования — {min} минут с момента начала (п.18). По истечении времени данные ответы сдаются автоматически.',
      'rules.r3': 'Между вопросами можно свободно переходить, менять ответ и отмечать вопрос, чтобы вернуться к нему позже. Каждый ответ сразу сохраняется на сервере.',
      'rules.r4': 'При обрыве связи ответы сохраняются в этом браузере и отправляются после восстановления связи. Время при этом не останавливается.',
      'rules.r5': 'Тестирование проходит под контролем системы прокторинга: поведение наблюдается, протоколируется и оценивается (п.13).',
      'rules.r6': 'Если система прокторинга выявит нарушение, результат аннулируется независимо от срока сдачи тестирования (п.19).',
      'rules.r7': 'Результат показывается на экране сразу после завершения тестирования и в личном кабинете (п.20).',
      'rules.r8': 'При несогласии с результатом можно подать апелляцию через Платформу не позднее двух рабочих дней, с мотивированным обоснованием по каждому вопросу (п.21).',
      'rules.read': 'С правилами тестирования ознакомлен(а)',
      'rules.start': 'Начать тестирование',
      'keys.title': 'Управление с клавиатуры',
      'keys.help': '<ul><li><kbd>1</kbd>–<kbd>5</kbd> — выбрать вариант ответа (в вопросе с несколькими ответами — отметить/снять)</li><li><kbd>←</kbd> <kbd>→</kbd> — предыдущий / следующий вопрос</li><li><kbd>↑</kbd> <kbd>↓</kbd> — перейти между вариантами, <kbd>Пробел</kbd> — выбрать</li><li><kbd>F</kbd> — отметить вопрос / снять отметку</li><li><kbd>Tab</kbd> — переход по кнопкам; в списке вопросов <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> — перемещение, <kbd>Enter</kbd> — открыть вопрос</li></ul>',
      'exam.wait': 'Подключение к серверу тестирования…',
      'exam.question': 'Вопрос {n} из {total}',
      'section.legal': 'Нормативные правовые акты',
      'section.functional': 'Трудовые функции и должностные обязанности',
      'kind.single': 'Выберите один ответ.',
      'kind.multiple': 'Выберите один или несколько ответов.',
      'exam.prev': 'Назад',
      'exam.next': 'Далее',
      'exam.flag': 'Отметить',
      'exam.clear': 'Очистить ответ',
      'exam.submit': 'Завершить тестирование',
      'nav.title': 'Вопросы',
      'nav.counts': 'Отвечено: {a} из {total} · отмечено: {f}',
      'nav.item': 'Вопрос {n}',
      'nav.answered': 'есть ответ',
      'nav.pending': 'ответ ещё не отправлен',
      'nav.flagged': 'отмечен',
      'nav.current': 'текущий вопрос',
      'timer.label': 'Осталось',
      'timer.until': 'окончание в {time} (Алматы)',
      'timer.warn10': 'До окончания тестирования осталось 10 минут.',
      'timer.warn5': 'До окончания тестирования осталось 5 минут.',
      'timer.up': 'Время истекло. Ожидается ответ сервера…',
      'conn.connecting': 'Подключение…',
      'conn.connected': 'Связь есть',
      'conn.reconnecting': 'Восстановление связи…',
      'conn.offline': 'Нет сети',
      'save.all': 'все ответы сохранены',
      'save.pending': 'не отправлено: {n} (хранятся на этом устройстве)',
      'submit.title': 'Завершить тестирование?',
      'submit.unanswered': 'Вопросов без ответа: {n} из {total}.',
      'submit.flagged': 'Отмеченных вопросов: {n}.',
      'submit.final': 'После завершения изменить ответы нельзя.',
      'submit.pending': 'Не отправлено ответов: {n}. Дождитесь восстановления связи.',
      'submit.offline': 'Нет связи. Дождитесь её восстановления.',
      'submit.confirm': 'Да, завершить',
      'submit.cancel': 'Вернуться к тестированию',
      'submit.sending': 'Отправка…',
      'wserr.bad_choice': 'Ответ на вопрос {n} не принят.',
      'wserr.unknown_question': 'Вопрос {n} не найден.',
      'wserr.malformed': 'Сервер не принял сообщение.',
      'wserr.too_large': 'Сообщение слишком велико.',
      'wserr.time_up': 'Время истекло, ответ не принят.',
      'wserr.not_in_progress': 'Тестирование не идёт.',
      'notice': 'Уведомление: {msg}',
      'ended.submitted': 'Тестирование завершено.',
      'ended.time_up': 'Время истекло — тестирование завершено.',
      'ended.forced': 'Тестирование завершено администратором.',
      'ended.voided': 'Результат тестирования аннулирован (п.19).',
      'ended.taken_over': 'Тестирование открыто в другом окне, это окно отключено.',
      'ended.not_authenticated': 'Сеанс завершён. Войдите снова с кодом.',
      'message.taken_over_title': 'Тестирование открыто в другом окне',
      'message.continue_here': 'Продолжить в этом окне',
      'message.voided_title': 'Результат аннулирован',
      'message.closed_title': 'Соединение закрыто',
      'message.closed': 'Сервер закрыл соединение (код {code}). Перезагрузите страницу.',
      'message.reload': 'Перезагрузить страницу',
      'result.title': 'Результат тестирования',
      'result.percent': 'Результат',
      'result.correct': 'Правильных ответов: {c} из {t}',
      'result.decision': 'Решение',
      'result.threshold': 'Пороговый уровень: {t}%',
      'result.passed': 'Пороговый уровень достигнут',
      'result.failed': 'Пороговый уровень не достигнут',
      'result.reattest': 'Повторная аттестация в течение {m} месяцев (п.27).',
      'result.appeal': 'При несогласии с результатом можно подать апелляцию через Платформу не позднее двух рабочих дней (п.21).',
      'result.pending': 'Результат подсчитывается. Он появится в личном кабинете (п.20).',
      'result.decision_pending': 'Решение по аттестации будет показано в личном кабинете позже.',
      'result.cabinet': 'Личный кабинет',
      'logout': 'Выйти',
      'me.title': 'Личный кабинет',
      'me.candidate': 'Аттестуемый',
      'me.organization': 'Место работы',
      'me.attestation': 'Аттестация',
      'me.term': 'Срок прохождения аттестации',
      'me.access': 'Доступ',
      'me.duration': 'Продолжительность тестирования',
      'me.minutes': '{m} минут',
      'reason.submitted': 'сдано аттестуемым',
      'reason.time_up': 'по истечении времени',
      'reason.forced': 'завершено администратором',
      'access.open': 'Вход на тестирование открыт',
      'access.in_progress': 'Идёт тестирование',
      'access.closed': 'Тестирование завершено, вход закрыт',
      'me.access_yes': 'Допущен(а) к тестированию',
      'me.access_no': 'Не допущен(а) к тестированию',
      'me.status': 'Статус',
      'me.result': 'Результат',
      'me.appeal_until': 'Срок подачи апелляции',
      'me.none': 'Аттестация не назначена.',
      'me.login_needed': 'Чтобы открыть кабинет, войдите с одноразовым кодом.',
      'me.go_exam': 'Перейти на страницу тестирования',
      'status.scheduled': 'Назначено',
      'status.rules': 'Ознакомление с правилами',
      'status.in_progress': 'Идёт тестирование',
      'status.submitted': 'Сдано, результат подсчитывается',
      'status.expired': 'Время истекло, результат подсчитывается',
      'status.scored': 'Результат определён',
      'status.voided': 'Результат аннулирован',
      'procedure.primary': 'первичная аттестация',
      'procedure.periodic': 'подтверждение соответствия занимаемой должности',
      'procedure.category': 'заявление на квалификационную категорию',
      'procedure.reattestation': 'повторная аттестация',
      'result.category': 'Квалификационная категория: {c}',
      'category.no_category': 'без категории',
      'category.career_consultant': 'карьерный консультант',
      'category.case_manager': 'кейс-менеджер',
      'category.mentor': 'наставник',
    },
  };

  const LANGS = ['kk', 'ru'];
  const UI_LANG_KEY = 'synaq.ui_lang';
  const CSRF_KEY = 'synaq.csrf';
  const ZONE = 'Asia/Almaty';
  const HEARTBEAT_MS = 15000;
  const SILENCE_MS = 40000; // no message for this long: the socket is dead
  const BACKOFF_CAP_MS = 5000;

  const $ = (id) => document.getElementById(id);
  /** Browser storage that never throws (quota, privacy settings): `set` says whether it kept it. */
  const wrap = (area) => ({
    get(k) { try { return area().getItem(k); } catch { return null; } },
    set(k, v) { try { area().setItem(k, v); return true; } catch { return false; } },
    del(k) { try { area().removeItem(k); } catch { /* nothing kept */ } },
  });
  const storage = wrap(() => window.localStorage);
  const tabStorage = wrap(() => window.sessionStorage);
  const page = document.body.dataset.page;

  let uiLang = LANGS.includes(storage.get(UI_LANG_KEY)) ? storage.get(UI_LANG_KEY) : 'kk';

  /** A UI string in the current language, `{name}` replaced from `vars`. */
  function t(key, vars) {
    const s = STRINGS[uiLang][key] ?? STRINGS.kk[key] ?? key;
    return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
  }

  /** A server value that may be localised (`{kk, ru}`) or plain. */
  function loc(v) {
    if (v && typeof v === 'object') return v[uiLang] ?? v.kk ?? v.ru ?? v.en ?? '';
    return v == null ? '' : String(v);
  }

  const rerenders = [];
  function applyI18n() {
    document.documentElement.lang = uiLang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = STRINGS[uiLang][el.dataset.i18nHtml]; // our own constants
    for (const el of document.querySelectorAll('[data-i18n-attr]')) {
      const [attr, key] = el.dataset.i18nAttr.split(':');
      el.setAttribute(attr, t(key));
    }
    for (const b of document.querySelectorAll('[data-ui-lang]')) b.setAttribute('aria-pressed', String(b.dataset.uiLang === uiLang));
    document.title = `${t('app.title')} — synaq`;
    for (const f of rerenders) f();
  }

  function setUiLang(lang) {
    if (!LANGS.includes(lang)) return;
    uiLang = lang;
    storage.set(UI_LANG_KEY, lang);
    applyI18n();
  }

  for (const b of document.querySelectorAll('[data-ui-lang]')) b.addEventListener('click', () => setUiLang(b.dataset.uiLang));

  // ---------------------------------------------------------------- time in Asia/Almaty
  // Intl gives the Almaty wall clock; the words are ours, since browsers ship little or no
  // Kazakh locale data ("2026 M11 23").
  const MONTHS = {
    kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
    ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  };
  const almatyParts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  function almaty(ms) {
    const p = Object.fromEntries(almatyParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return { y: p.year, m: Number(p.month), d: Number(p.day), hm: `${p.hour}:${p.minute}` };
  }
  function fmtDate(ms) {
    const a = almaty(ms);
    return uiLang === 'kk' ? `${a.y} жылғы ${a.d} ${MONTHS.kk[a.m - 1]}` : `${a.d} ${MONTHS.ru[a.m - 1]} ${a.y} г.`;
  }
  const fmtTime = (ms) => almaty(ms).hm;
  const fmtDateTime = (ms) => `${fmtDate(ms)}, ${fmtTime(ms)}`;
  /** A date ("2026-11-27") or an instant (ms or RFC 3339) from the server, shown in Almaty. */
  function fmtWhen(v) {
    if (v == null || v === '') return '';
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(Date.parse(`${v}T12:00:00+05:00`));
    const ms = typeof v === 'number' ? v : Date.parse(v);
    return Number.isFinite(ms) ? fmtDateTime(ms) : String(v);
  }

  // ---------------------------------------------------------------- server clock
  // offset = server_time - local monotonic time at receipt. A message's delay only makes a
  // sample smaller than the true offset, so the largest recent sample is the best estimate;
  // samples older than 5 minutes are dropped so a drifting clock is followed.
  const clock = {
    samples: [],
    observe(serverTime) {
      if (typeof serverTime !== 'number') return;
      const at = performance.now();
      this.samples.push({ at, offset: serverTime - at });
      this.samples = this.samples.filter((s) => at - s.at < 300000).slice(-50);
    },
    known() { return this.samples.length > 0; },
    now() {
      const best = Math.max(...this.samples.map((s) => s.offset));
      return performance.now() + best;
    },
  };

  // ---------------------------------------------------------------- HTTP
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const csrf = storage.get(CSRF_KEY);
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
    } catch {
      return { ok: false, status: 0, code: 'network', data: null };
    }
    let data = null;
    try { data = res.status === 204 ? null : await res.json(); } catch { data = null; }
    const code = data && data.error ? data.error.code : null;
    if (data && typeof data.server_time === 'number') clock.observe(data.server_time);
    return { ok: res.ok, status: res.status, code, message: data && data.error ? data.error.message : null, data };
  }

  function errorText(r) {
    if (r.status === 0) return t('err.network');
    if (r.status === 401 && r.code !== 'bad_code') return t('err.session_lost');
    const key = `err.${r.code}`;
    if (STRINGS.kk[key]) return t(key);
    return t('err.generic', { msg: r.message || r.code || r.status });
  }

  async function logout() {
    await api('POST', '/api/v1/auth/logout');
    storage.del(CSRF_KEY);
    location.href = '/exam';
  }
  for (const b of document.querySelectorAll('.logout')) b.addEventListener('click', logout);

  // ---------------------------------------------------------------- screens
  function show(name) {
    document.body.dataset.screen = name;
    $('loading').hidden = true;
    for (const s of document.querySelectorAll('.screen')) s.hidden = s.id !== `screen-${name}`;
    const bar = $('status-bar');
    if (bar) bar.hidden = name !== 'exam';
  }

  function announce(text) {
    const a = $('announce');
    a.textContent = '';
    setTimeout(() => { a.textContent = text; }, 50);
  }

  let toastTimer = null;
  function toast(text) {
    const el = $('toast');
    if (!el) return announce(text);
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 8000);
  }

  /** A terminal message; keys (not texts) so that the language switch re-renders it. */
  let message = null;
  function showMessage(titleKey, textKey, action, vars) {
    message = { titleKey, textKey, action, vars };
    renderMessage();
    show('message');
  }
  function renderMessage() {
    if (!message) return;
    $('message-title').textContent = t(message.titleKey);
    $('message-text').textContent = t(message.textKey, message.vars);
    const btn = $('message-action');
    if (btn) {
      btn.hidden = !message.action;
      if (message.action) { btn.textContent = t(message.action.labelKey); btn.onclick = message.action.run; }
    }
  }
  rerenders.push(renderMessage);

  function dl(rows) {
    const d = document.createElement('dl');
    d.className = 'facts';
    for (const [k, v] of rows) {
      if (v == null || v === '') continue;
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      if (v instanceof Node) dd.append(v); else dd.textContent = v;
      d.append(dt, dd);
    }
    return d;
  }

  const procedureText = (p) => (p && STRINGS.kk[`procedure.${p}`] ? t(`procedure.${p}`) : loc(p));

  /** The result block (p.20): percent, correct/total, the decision in the UI language. */
  function resultNode(result) {
    const wrap = document.createElement('div');
    wrap.className = 'result';
    if (!result) {
      const p = document.createElement('p');
      p.textContent = t('result.pending');
      wrap.append(p);
      return wrap;
    }
    const d = result.decision || {};
    const big = document.createElement('p');
    big.className = `score ${d.passed === false ? 'failed' : d.passed ? 'passed' : ''}`;
    big.id = 'result-percent';
    big.textContent = `${Number(result.percent).toLocaleString(uiLang === 'kk' ? 'kk-KZ' : 'ru-RU', { maximumFractionDigits: 2 })}%`;
    const correct = document.createElement('p');
    correct.className = 'correct';
    correct.textContent = t('result.correct', { c: result.correct, t: result.total });
    wrap.append(big, correct);
    const outcome = d.outcome ? loc(d.outcome) : '';
    if (outcome) {
      const box = document.createElement('div');
      box.className = 'decision';
      const h = document.createElement('h2');
      h.textContent = t('result.decision');
      const p = document.createElement('p');
      p.id = 'result-decision';
      p.className = 'decision-text';
      p.textContent = outcome;
      box.append(h, p);
      if (typeof d.threshold === 'number') {
        const th = document.createElement('p');
        th.textContent = `${t('result.threshold', { t: d.threshold })} — ${t(d.passed ? 'result.passed' : 'result.failed')}`;
        box.append(th);
      }
      const cat = d.consequences && d.consequences.resulting_category;
      if (cat) {
        const c = document.createElement('p');
        c.textContent = t('result.category', { c: STRINGS.kk[`category.${cat}`] ? t(`category.${cat}`) : loc(cat) });
        box.append(c);
      }
      const months = d.consequences && d.consequences.reattestation_within_months;
      if (months) {
        const r = document.createElement('p');
        r.textContent = t('result.reattest', { m: months });
        box.append(r);
      }
      wrap.append(box);
    } else {
      const p = document.createElement('p'); // scored, but no decision to show (yet)
      p.className = 'notice';
      p.textContent = t('result.decision_pending');
      wrap.append(p);
    }
    const appeal = document.createElement('p');
    appeal.className = 'hint';
    appeal.textContent = t('result.appeal');
    wrap.append(appeal);
    return wrap;
  }

  // ================================================================= the exam page
  function examPage() {
    let view = null; // the last SessionView
    const ex = {
      sid: null, paper: [], byN: new Map(), answers: new Map(), flags: new Set(), current: 1,
      deadline: null, lastSeq: 0, stateSeen: false, ended: false, submitting: false,
      warned10: false, warned5: false, reason: null, result: null,
    };

    // ------------------------------------------------------------ routing by status
    function route(v) {
      view = v;
      if (v.session_id) ex.sid = v.session_id;
      if (typeof v.deadline === 'number') ex.deadline = v.deadline;
      switch (v.status) {
        case 'scheduled':
        case 'rules': return showRules();
        case 'in_progress': return startExam();
        case 'scored':
        case 'submitted':
        case 'expired': return showResult(v.result, v.end_reason || null);
        case 'voided': return showMessage('message.voided_title', 'ended.voided');
        default: return showLogin();
      }
    }

    async function boot() {
      const r = await api('GET', '/api/v1/exam/session');
      if (r.ok) route(r.data); else showLogin(r.status === 0 ? t('err.network') : '');
    }

    // ------------------------------------------------------------ 1. login
    function normalizeCode(raw) {
      const s = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
      return s.length === 16 ? s.match(/.{4}/g).join('-') : null;
    }

    function showLogin(msg) {
      show('login');
      $('login-error').textContent = msg || '';
      $('code').focus();
    }

    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const err = $('login-error');
      const code = normalizeCode($('code').value);
      if (!code) { err.textContent = t('login.bad_format'); $('code').setAttribute('aria-invalid', 'true'); return; }
      $('code').removeAttribute('aria-invalid');
      err.textContent = '';
      $('login-submit').disabled = true;
      storage.del(CSRF_KEY); // a new login gets a new one
      const r = await api('POST', '/api/v1/exam/login', { code });
      $('login-submit').disabled = false;
      if (!r.ok) { err.textContent = errorText(r); $('code').setAttribute('aria-invalid', 'true'); return; }
      storage.set(CSRF_KEY, r.data.csrf);
      $('code').value = '';
      route(r.data.session);
    });

    // ------------------------------------------------------------ 2. rules (untimed, p.18)
    function renderRulesFacts() {
      if (!view) return;
      const facts = $('rules-facts');
      facts.replaceWith(Object.assign(dl([
        [t('rules.candidate'), view.candidate && view.candidate.name],
        [t('rules.position'), view.candidate && loc(view.candidate.position_name || view.candidate.position)],
        [t('rules.campaign'), view.campaign && loc(view.campaign.name)],
        [t('rules.procedure'), view.campaign && procedureText(view.campaign.procedure)],
      ]), { id: 'rules-facts' }));
      $('screen-rules').querySelector('[data-i18n="rules.r2"]').textContent = t('rules.r2', { min: view.duration_min || 120 });
    }
    rerenders.push(() => { if (document.body.dataset.screen === 'rules') renderRulesFacts(); });

    const langRadios = () => [...document.querySelectorAll('input[name="exam-lang"]')];
    const chosenLang = () => (langRadios().find((r) => r.checked) || {}).value;

    async function postRules(lang) {
      const r = await api('POST', '/api/v1/exam/rules', { lang });
      if (r.ok) { view = r.data; $('rules-error').textContent = ''; } else $('rules-error').textContent = errorText(r);
      return r.ok;
    }

    function showRules() {
      show('rules');
      const offered = Array.isArray(view.languages) && view.languages.length ? view.languages : LANGS; // the campaign's languages
      const lang = LANGS.includes(view.lang) ? view.lang : offered.includes(uiLang) ? uiLang : offered[0];
      for (const r of langRadios()) {
        r.checked = r.value === lang;
        r.disabled = !offered.includes(r.value);
        r.closest('label').hidden = r.disabled;
      }
      renderRulesFacts();
      $('start').disabled = !$('rules-read').checked;
      $('screen-rules').querySelector('h1').focus({ preventScroll: true });
      if (view.status === 'scheduled') postRules(lang); // the untimed reading begins (p.18)
    }
    $('rules-title').tabIndex = -1;

    for (const r of langRadios()) {
      r.addEventListener('change', () => {
        if (!r.checked) return;
        setUiLang(r.value); // the candidate reads the rules in the exam's language
        postRules(r.value);
      });
    }
    $('rules-read').addEventListener('change', () => { $('start').disabled = !$('rules-read').checked; });

    $('start').addEventListener('click', async () => {
      const btn = $('start');
      btn.disabled = true;
      const lang = chosenLang() || uiLang;
      if (view.status !== 'rules' || view.lang !== lang) {
        if (!(await postRules(lang))) { btn.disabled = false; return; }
      }
      const r = await api('POST', '/api/v1/exam/start', {});
      btn.disabled = false;
      if (!r.ok) {
        $('rules-error').textContent = errorText(r);
        if (r.status === 401) showLogin(t('err.session_lost'));
        return;
      }
      route(r.data);
    });

    // ------------------------------------------------------------ outbox (localStorage)
    const outboxKey = () => `synaq.outbox.${ex.sid}`;
    const seqKey = () => `synaq.seq.${ex.sid}`;
    // Storage is the truth (a reload or another tab of this browser finds it there); a copy in
    // memory keeps the exam going when storage refuses (quota, privacy settings).
    const mem = { outbox: [], seq: 0, broken: false };
    function outbox() {
      if (mem.broken) return mem.outbox;
      try { return JSON.parse(storage.get(outboxKey()) || '[]'); } catch { return []; }
    }
    function saveOutbox(list) {
      mem.outbox = list;
      if (!storage.set(outboxKey(), JSON.stringify(list))) mem.broken = true;
      updateSaveState();
    }
    /** The next `seq`: above every seq this browser used and the server's `last_seq`. */
    function nextSeq() {
      const s = Math.max(Number(storage.get(seqKey())) || 0, mem.seq, ex.lastSeq) + 1;
      mem.seq = s;
      storage.set(seqKey(), String(s));
      return s;
    }
    /** Queues a message; an unsent older message of the same kind for the same question is
     *  superseded (the server would keep the newer seq anyway). */
    function enqueue(msg) {
      const same = (m) => m.type === msg.type && m.q === msg.q;
      const list = outbox().filter((m) => !same(m));
      const full = { ...msg, seq: nextSeq() };
      list.push(full);
      saveOutbox(list);
      sendRaw(full);
    }
    const pendingQs = () => new Set(outbox().filter((m) => m.type === 'answer').map((m) => m.q));

    // ------------------------------------------------------------ 3. the socket
    let ws = null; let attempt = 0; let retryTimer = null; let hbTimer = null; let lastMsgAt = 0; let connState = 'connecting';

    function setConn(state) {
      connState = state;
      const c = $('conn');
      c.dataset.state = state;
      document.body.dataset.conn = state;
      const text = t(`conn.${state}`);
      if ($('conn-text').textContent !== text) $('conn-text').textContent = text;
      updateSubmitDialog();
    }
    rerenders.push(() => { if (document.body.dataset.screen === 'exam') { setConn(connState); updateSaveState(); renderExam(); } });

    function updateSaveState() {
      const n = ex.sid ? outbox().length : 0;
      document.body.dataset.pending = String(n);
      const el = $('save-state');
      if (el) el.textContent = n ? t('save.pending', { n }) : ex.stateSeen ? t('save.all') : '';
      renderNavMarks();
      updateSubmitDialog();
    }

    function sendRaw(msg) {
      if (ws && ws.readyState === WebSocket.OPEN && ex.stateSeen) {
        try { ws.send(JSON.stringify(msg)); return true; } catch { return false; }
      }
      return false;
    }

    function connect() {
      clearTimeout(retryTimer);
      if (ex.ended || ws) return;
      if (!navigator.onLine) return scheduleReconnect(); // no network at all: wait for `online`
      setConn(attempt === 0 ? 'connecting' : navigator.onLine ? 'reconnecting' : 'offline');
      const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/exam`;
      let sock;
      try { sock = new WebSocket(url); } catch { return scheduleReconnect(); }
      ws = sock;
      ex.stateSeen = false;
      lastMsgAt = performance.now();
      sock.onmessage = (e) => {
        if (ws !== sock) return;
        lastMsgAt = performance.now();
        let msg;
        try { msg = JSON.parse(e.data); } catch { return; }
        handle(msg);
      };
      sock.onclose = (e) => {
        if (ws !== sock) return;
        ws = null;
        ex.stateSeen = false;
        if (e.code >= 4000 && e.code <= 4999) return terminal(e.code, e.reason);
        scheduleReconnect();
      };
    }

    /** Forgets the socket at once (no close handshake to wait for) and reconnects. */
    function dropSocket() {
      const sock = ws;
      ws = null;
      ex.stateSeen = false;
      if (sock) { sock.onmessage = null; sock.onclose = null; try { sock.close(); } catch { /* already closed */ } }
      scheduleReconnect();
    }

    function scheduleReconnect() {
      if (ex.ended) return;
      clearTimeout(retryTimer);
      attempt += 1;
      const base = Math.min(BACKOFF_CAP_MS, 300 * 2 ** (attempt - 1));
      const delay = base / 2 + Math.random() * (base / 2); // exponential backoff with jitter
      setConn(navigator.onLine ? 'reconnecting' : 'offline');
      retryTimer = setTimeout(connect, delay);
    }

    window.addEventListener('offline', () => { if (!ex.ended && document.body.dataset.screen === 'exam') dropSocket(); });
    window.addEventListener('online', () => {
      if (ex.ended || document.body.dataset.screen !== 'exam' || ws) return;
      attempt = 0;
      connect();
    });

    function startHeartbeat() {
      clearInterval(hbTimer);
      hbTimer = setInterval(() => {
        if (ex.ended) return clearInterval(hbTimer);
        if (ws && performance.now() - lastMsgAt > SILENCE_MS) return dropSocket();
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'heartbeat' }));
        else if (ws && ws.readyState === WebSocket.CONNECTING && performance.now() - lastMsgAt > 10000) dropSocket();
      }, HEARTBEAT_MS);
    }

    function handle(msg) {
      if (typeof msg.server_time === 'number') clock.observe(msg.server_time);
      if (typeof msg.deadline === 'number') ex.deadline = msg.deadline;
      switch (msg.type) {
        case 'state':
          // The paper comes over HTTP once (docs/protocol.md): the socket stays small.
          return withPaper(msg).then(onState, () => { if (sock) sock.close(); });
        case 'ack': {
          const list = outbox();
          const rest = list.filter((m) => m.seq !== msg.seq);
          if (rest.length !== list.length) saveOutbox(rest);
          return;
        }
        case 'error': return onError(msg);
        case 'notice': {
          const text = loc(msg.message) || msg.code;
          toast(t('notice', { msg: text }));
          announce(text);
          return tick();
        }
        case 'ended': return onEnded(msg.reason, msg.result);
        default: return; // `time`: the clock and the deadline are already taken
      }
    }

    async function withPaper(msg) {
      if (Array.isArray(msg.paper)) return msg;
      if (!ex.paperOf || ex.paperOf.sid !== msg.session_id) {
        const r = await fetch('/api/v1/exam/paper', { credentials: 'same-origin', cache: 'no-store' });
        if (!r.ok) throw new Error(`paper: HTTP ${r.status}`);
        const body = await r.json();
        ex.paperOf = { sid: msg.session_id, questions: body.questions };
      }
      return { ...msg, paper: ex.paperOf.questions };
    }

    function onState(msg) {
      ex.sid = msg.session_id || ex.sid;
      // `n` in docs/protocol.md; `number` as the rendered paper names it: either is taken.
      ex.paper = (Array.isArray(msg.paper) ? msg.paper : []).map((q) => ({ ...q, n: Number(q.n ?? q.number) }));
      ex.byN = new Map(ex.paper.map((q) => [q.n, q]));
      ex.lastSeq = Number(msg.last_seq) || 0;
      if (msg.lang && LANGS.includes(msg.lang)) for (const id of ['q-text', 'q-options']) $(id).lang = msg.lang; // the paper's language
      // The server's state, then the outbox on top: unacknowledged messages win.
      ex.answers = new Map(Object.entries(msg.answers || {}).map(([q, c]) => [Number(q), c]).filter(([, c]) => Array.isArray(c) && c.length));
      ex.flags = new Set((msg.flags || []).map(Number));
      const list = outbox().filter((m) => m.seq > ex.lastSeq); // at or below last_seq: already durable
      for (const m of list) {
        if (m.type === 'answer') { if (m.choice.length) ex.answers.set(m.q, m.choice); else ex.answers.delete(m.q); }
        if (m.type === 'flag') { if (m.flagged) ex.flags.add(m.q); else ex.flags.delete(m.q); }
      }
      if (!ex.byN.has(ex.current)) ex.current = ex.paper.length ? ex.paper[0].n : 1;
      const savedCurrent = Number(tabStorage.get(`synaq.current.${ex.sid}`));
      if (ex.byN.has(savedCurrent)) ex.current = savedCurrent;
      ex.stateSeen = true;
      ex.submitting = false; // a submit lost with the old socket is not pending any more
      attempt = 0;
      setConn('connected');
      buildNavigator();
      renderExam();
      saveOutbox(list);
      for (const m of list) sendRaw(m); // replay, in order
    }

    function onError(msg) {
      const m = msg.seq != null ? outbox().find((x) => x.seq === msg.seq) : null;
      if (msg.seq != null) saveOutbox(outbox().filter((x) => x.seq !== msg.seq)); // refused: nothing was saved, retrying won't help
      const key = `wserr.${msg.code}`;
      const text = STRINGS.kk[key] ? t(key, { n: m ? m.q : '?' }) : t('err.generic', { msg: msg.message || msg.code });
      $('exam-error').textContent = text;
      if (ex.submitting) { ex.submitting = false; updateSubmitDialog(); }
    }

    function terminal(code, reason) {
      if (ex.ended) return;
      clearInterval(hbTimer);
      if (code === 4002) return onEnded('voided', null);
      ex.ended = true; // 4000-4999: never reconnect
      if (code === 4003) return showTakenOver();
      if (code === 4004) return showLogin(t('ended.not_authenticated'));
      // 4000, 4001, 4005 or another: the session's status says what to show.
      api('GET', '/api/v1/exam/session').then((r) => {
        if (!r.ok) return showLogin(errorText(r));
        if (r.data.status === 'in_progress') {
          return showMessage('message.closed_title', 'message.closed', { labelKey: 'message.reload', run: () => location.reload() }, { code });
        }
        route(r.data);
      });
    }

    function showTakenOver() {
      showMessage('message.taken_over_title', 'ended.taken_over', { labelKey: 'message.continue_here', run: () => location.reload() });
    }

    function onEnded(reason, result) {
      ex.ended = true;
      ex.reason = reason;
      clearInterval(hbTimer);
      clearTimeout(retryTimer);
      const sock = ws;
      ws = null;
      if (sock) { sock.onclose = null; sock.onmessage = null; }
      if ($('submit-dialog').open) $('submit-dialog').close();
      // Taken over: the exam goes on in another window, which shares this outbox — keep it.
      if (reason === 'taken_over') return showTakenOver();
      if (ex.sid) { storage.del(outboxKey()); storage.del(seqKey()); tabStorage.del(`synaq.current.${ex.sid}`); mem.outbox = []; }
      if (reason === 'voided') return showMessage('message.voided_title', 'ended.voided');
      showResult(result, reason);
    }

    // ------------------------------------------------------------ exam rendering
    function startExam() {
      ex.ended = false;
      attempt = 0;
      show('exam');
      $('exam-wait').hidden = false;
      $('question').hidden = true;
      startHeartbeat();
      startTimer();
      updateSaveState();
      connect();
    }

    function buildNavigator() {
      const nav = $('navigator');
      nav.textContent = '';
      for (const q of ex.paper) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'mark';
        b.dataset.q = String(q.n);
        b.textContent = String(q.n);
        b.addEventListener('click', () => go(q.n));
        nav.append(b);
      }
      renderNavMarks();
    }

    function renderNavMarks() {
      if (!ex.paper.length) return;
      const pending = pendingQs();
      for (const b of $('navigator').children) {
        const n = Number(b.dataset.q);
        const answered = ex.answers.has(n);
        const flagged = ex.flags.has(n);
        const isPending = pending.has(n);
        b.classList.toggle('answered', answered);
        b.classList.toggle('flagged', flagged);
        b.classList.toggle('pending', isPending);
        b.classList.toggle('current', n === ex.current);
        b.tabIndex = n === ex.current ? 0 : -1; // one tab stop; arrows move inside the grid
        if (n === ex.current) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
        const parts = [t('nav.item', { n })];
        if (answered) parts.push(t('nav.answered'));
        if (isPending) parts.push(t('nav.pending'));
        if (flagged) parts.push(t('nav.flagged'));
        b.setAttribute('aria-label', parts.join(', '));
      }
      $('nav-counts').textContent = t('nav.counts', { a: ex.answers.size, total: ex.paper.length, f: ex.flags.size });
    }

    function renderExam() {
      if (!ex.stateSeen && !ex.paper.length) return;
      const q = ex.byN.get(ex.current);
      if (!q) return;
      $('exam-wait').hidden = true;
      $('question').hidden = false;
      $('q-title').textContent = t('exam.question', { n: q.n, total: ex.paper.length });
      $('q-section').textContent = STRINGS.kk[`section.${q.section}`] ? t(`section.${q.section}`) : loc(q.section);
      $('q-text').textContent = loc(q.text);
      $('q-kind').textContent = t(q.kind === 'multiple' ? 'kind.multiple' : 'kind.single');
      const chosen = new Set(ex.answers.get(q.n) || []);
      const box = $('q-options');
      const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
      box.textContent = '';
      (q.options || []).forEach((o, i) => {
        const id = `opt-${q.n}-${o.id}`;
        const label = document.createElement('label');
        label.className = 'option';
        label.htmlFor = id;
        const input = document.createElement('input');
        input.type = q.kind === 'multiple' ? 'checkbox' : 'radio';
        input.name = `q${q.n}`;
        input.id = id;
        input.value = o.id;
        input.checked = chosen.has(o.id);
        input.addEventListener('change', () => choose(q, input));
        const key = document.createElement('span');
        key.className = 'opt-key';
        key.setAttribute('aria-hidden', 'true');
        key.textContent = String(i + 1);
        const text = document.createElement('span');
        text.className = 'opt-text';
        text.textContent = loc(o.text);
        label.append(input, key, text);
        box.append(label);
      });
      if (focused && $(focused)) $(focused).focus(); // a re-render (reconnect, language) keeps the keyboard's place
      $('flag').setAttribute('aria-pressed', String(ex.flags.has(q.n))); // the label stays, the state is pressed
      const idx = ex.paper.indexOf(q);
      $('prev').disabled = idx <= 0;
      $('next').disabled = idx >= ex.paper.length - 1;
      $('clear').disabled = !chosen.size;
      renderNavMarks();
    }

    function choose(q, input) {
      if (ex.ended) return;
      let choice;
      if (q.kind === 'multiple') {
        choice = [...document.querySelectorAll(`#q-options input:checked`)].map((i) => i.value).sort();
      } else {
        choice = [input.value];
      }
      setAnswer(q.n, choice);
    }

    function setAnswer(n, choice) {
      if (choice.length) ex.answers.set(n, choice); else ex.answers.delete(n);
      enqueue({ type: 'answer', q: n, choice });
      $('clear').disabled = !choice.length;
      $('exam-error').textContent = '';
      renderNavMarks();
    }

    function toggleFlag() {
      if (ex.ended || !ex.byN.has(ex.current)) return;
      const n = ex.current;
      const flagged = !ex.flags.has(n);
      if (flagged) ex.flags.add(n); else ex.flags.delete(n);
      enqueue({ type: 'flag', q: n, flagged });
      $('flag').setAttribute('aria-pressed', String(flagged));
      renderNavMarks();
    }

    function go(n, focusQuestion = true) {
      if (!ex.byN.has(n)) return;
      ex.current = n;
      tabStorage.set(`synaq.current.${ex.sid}`, String(n));
      renderExam();
      if (focusQuestion) $('q-title').focus({ preventScroll: false });
    }
    $('q-title').tabIndex = -1;
    const step = (d) => {
      const i = ex.paper.findIndex((q) => q.n === ex.current);
      if (i >= 0 && ex.paper[i + d]) go(ex.paper[i + d].n);
    };

    $('prev').addEventListener('click', () => step(-1));
    $('next').addEventListener('click', () => step(1));
    $('flag').addEventListener('click', toggleFlag);
    $('clear').addEventListener('click', () => { if (ex.answers.has(ex.current)) { setAnswer(ex.current, []); renderExam(); } });

    // Keys: 1-5 options, arrows between questions (up/down between options), F flags.
    document.addEventListener('keydown', (e) => {
      if (document.body.dataset.screen !== 'exam' || !ex.stateSeen || ex.ended) return;
      if (e.ctrlKey || e.altKey || e.metaKey || $('submit-dialog').open) return;
      const tag = (e.target && e.target.tagName) || '';
      if (tag === 'TEXTAREA' || (tag === 'INPUT' && !['radio', 'checkbox'].includes(e.target.type))) return;
      const q = ex.byN.get(ex.current);
      if (!q) return;
      const nav = $('navigator');
      if (nav.contains(e.target) && /^Arrow|^Home$|^End$/.test(e.key)) {
        e.preventDefault(); // the question grid: arrows move the focus, Enter or Space opens
        const marks = [...nav.children];
        const i = marks.indexOf(e.target);
        const d = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -10, ArrowDown: 10, Home: -i, End: marks.length - 1 - i }[e.key];
        const to = marks[Math.max(0, Math.min(marks.length - 1, i + d))];
        e.target.tabIndex = -1;
        to.tabIndex = 0;
        to.focus();
        return;
      }
      // By physical key (e.code): the Kazakh layout puts letters on the number row.
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '') || /^([1-9])$/.exec(e.key);
      if (digit) {
        const inputs = [...document.querySelectorAll('#q-options input')];
        const input = inputs[Number(digit[1]) - 1];
        if (!input) return;
        e.preventDefault();
        if (input.type === 'radio') { if (input.checked) return; input.checked = true; } else input.checked = !input.checked;
        input.focus();
        choose(q, input);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault(); // never let a radio group change the answer on an arrow
        step(e.key === 'ArrowLeft' ? -1 : 1);
      } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        const inputs = [...document.querySelectorAll('#q-options input')];
        if (!inputs.length) return;
        e.preventDefault();
        const i = inputs.indexOf(document.activeElement);
        const j = i < 0 ? 0 : Math.max(0, Math.min(inputs.length - 1, i + (e.key === 'ArrowUp' ? -1 : 1)));
        inputs[j].focus();
      } else if (e.code === 'KeyF' || e.key === 'f' || e.key === 'F') { // the F key on any layout
        e.preventDefault();
        toggleFlag();
      }
    });

    // ------------------------------------------------------------ the countdown
    let timerHandle = null;
    function startTimer() {
      clearInterval(timerHandle);
      timerHandle = setInterval(tick, 250);
      tick();
    }
    function tick() {
      const el = $('timer');
      if (ex.deadline == null || !clock.known()) return;
      const left = Math.max(0, ex.deadline - clock.now());
      el.dataset.remainingMs = String(Math.round(left));
      const s = Math.ceil(left / 1000);
      const hh = String(Math.floor(s / 3600)).padStart(2, '0');
      const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
      const ss = String(s % 60).padStart(2, '0');
      const text = `${hh}:${mm}:${ss}`;
      if ($('timer-value').textContent !== text) $('timer-value').textContent = text;
      const until = t('timer.until', { time: fmtTime(ex.deadline) });
      if ($('timer-until').textContent !== until) $('timer-until').textContent = until;
      el.classList.toggle('warn', left <= 600000);
      el.classList.toggle('urgent', left <= 300000);
      if (ex.ended) return;
      if (left <= 300000 && left > 0 && !ex.warned5) { ex.warned5 = true; ex.warned10 = true; announce(t('timer.warn5')); toast(t('timer.warn5')); }
      else if (left <= 600000 && left > 300000 && !ex.warned10) { ex.warned10 = true; announce(t('timer.warn10')); toast(t('timer.warn10')); }
      if (left === 0 && !ex.timeUpShown) { ex.timeUpShown = true; announce(t('timer.up')); $('exam-error').textContent = t('timer.up'); }
    }

    // ------------------------------------------------------------ submit
    function updateSubmitDialog() {
      const dlg = $('submit-dialog');
      if (!dlg || !dlg.open) return;
      const total = ex.paper.length;
      const unanswered = ex.paper.filter((q) => !ex.answers.has(q.n)).length;
      const sum = $('submit-summary');
      sum.textContent = '';
      for (const line of [t('submit.unanswered', { n: unanswered, total }), t('submit.flagged', { n: ex.flags.size }), t('submit.final')]) {
        const p = document.createElement('p');
        p.textContent = line;
        sum.append(p);
      }
      sum.firstChild.id = 'submit-unanswered';
      sum.firstChild.dataset.unanswered = String(unanswered);
      const pending = outbox().length;
      const connected = ws && ws.readyState === WebSocket.OPEN && ex.stateSeen;
      $('submit-pending').textContent = !connected ? t('submit.offline') : pending ? t('submit.pending', { n: pending }) : '';
      const confirm = $('submit-confirm');
      confirm.disabled = !connected || ex.submitting;
      confirm.textContent = ex.submitting ? t('submit.sending') : t('submit.confirm');
    }

    $('submit').addEventListener('click', () => {
      if (ex.ended) return;
      $('submit-dialog').showModal();
      updateSubmitDialog();
      $('submit-cancel').focus();
    });
    $('submit-cancel').addEventListener('click', () => $('submit-dialog').close());
    $('submit-confirm').addEventListener('click', () => {
      // Every outbox entry was already sent on this socket (at enqueue or at the replay after
      // `state`); the socket is ordered, so they all land before the submit.
      const ok = sendRaw({ type: 'submit', seq: nextSeq() });
      if (ok) { ex.submitting = true; updateSubmitDialog(); }
    });

    // ------------------------------------------------------------ 4. result (p.20)
    let lastResult = null;
    function showResult(result, reason) {
      lastResult = { result, reason };
      clearInterval(timerHandle);
      show('result');
      renderResult();
      $('result-title').focus({ preventScroll: true });
    }
    $('result-title').tabIndex = -1;
    function renderResult() {
      if (!lastResult) return;
      const { result, reason } = lastResult;
      const r = $('result-reason');
      r.textContent = reason && STRINGS.kk[`ended.${reason}`] ? t(`ended.${reason}`) : '';
      r.hidden = !r.textContent;
      const body = $('result-body');
      body.textContent = '';
      body.append(resultNode(result));
    }
    rerenders.push(() => { if (document.body.dataset.screen === 'result') renderResult(); });
    rerenders.push(() => { if (document.body.dataset.screen === 'rules') $('start').disabled = !$('rules-read').checked; });

    boot();
  }

  // ================================================================= the cabinet (p.12, p.20)
  function mePage() {
    let data = null;
    async function boot() {
      const r = await api('GET', '/api/v1/me');
      if (!r.ok) return showMessage('me.title', r.status === 401 || r.status === 403 ? 'me.login_needed' : errorText(r));
      data = r.data;
      render();
      show('me');
    }
    function accessText(a) {
      if (a == null) return '';
      if (typeof a === 'boolean') return t(a ? 'me.access_yes' : 'me.access_no');
      if (typeof a === 'string') return STRINGS.kk[`access.${a}`] ? t(`access.${a}`) : a;
      const ok = a.admitted ?? a.allowed ?? a.granted;
      const why = loc(a.reason ?? a.message ?? '');
      return [typeof ok === 'boolean' ? t(ok ? 'me.access_yes' : 'me.access_no') : '', why].filter(Boolean).join(' — ');
    }
    function termText(it) {
      const term = it.term ?? {};
      if (typeof term === 'string') return term;
      const span = [fmtWhen(term.opens_on ?? it.opens_on), fmtWhen(term.closes_on ?? it.closes_on)].filter(Boolean).join(' — ');
      return span;
    }
    function statusText(it) {
      const st = it.status && STRINGS.kk[`status.${it.status}`] ? t(`status.${it.status}`) : loc(it.status);
      const why = it.end_reason && STRINGS.kk[`reason.${it.end_reason}`] ? ` (${t(`reason.${it.end_reason}`)})` : '';
      return st + why;
    }
    function render() {
      const body = $('me-body');
      body.textContent = '';
      const c = data.candidate || {};
      body.append(dl([
        [t('me.candidate'), c.name],
        [t('rules.position'), loc(c.position_name || c.position)],
        [t('me.organization'), loc(c.organization)],
      ]));
      // One attestation (the server's shape) or a list of them.
      const items = Array.isArray(data.attestations) ? data.attestations : data.status ? [data] : [];
      if (!items.length) {
        const p = document.createElement('p');
        p.textContent = t('me.none');
        body.append(p);
      }
      for (const it of items) {
        const sec = document.createElement('section');
        sec.className = 'attestation';
        const h = document.createElement('h2');
        const campaign = it.campaign && typeof it.campaign === 'object' ? it.campaign.name : it.campaign;
        h.textContent = [t('me.attestation'), loc(campaign)].filter(Boolean).join(': ');
        sec.append(h);
        const procedure = it.procedure ?? (it.campaign && it.campaign.procedure);
        const minutes = it.term && it.term.duration_min;
        sec.append(dl([
          [t('rules.procedure'), procedureText(procedure)],
          [t('me.term'), termText(it)],
          [t('me.duration'), minutes ? t('me.minutes', { m: minutes }) : ''],
          [t('me.access'), accessText(it.access)],
          [t('me.status'), statusText(it)],
          [t('rules.lang_legend'), it.lang ? t(`lang.${it.lang}`) : ''],
          [t('me.appeal_until'), fmtWhen(it.appeal_until ?? it.appeal_deadline)],
        ]));
        if (it.result || it.status === 'scored') {
          const rh = document.createElement('h3');
          rh.textContent = t('me.result');
          sec.append(rh, resultNode(it.result));
        }
        body.append(sec);
      }
    }
    rerenders.push(() => { if (data) render(); });
    boot();
  }

  applyI18n();
  if (page === 'me') mePage(); else examPage();
})();
