// Synthetic news stream for the clustering benchmark (npm run bench:stories): many distinct events (a pair of
// actors, a place, an event type, a date and figures), each covered by 3–12 items in en/ja/ru/uk from different
// outlets, built from per-language templates (headline, event sentences, event details) plus unrelated background
// sentences, with some near-copies (an agency text reprinted with a credit line). Events arrive at a constant rate, so a store of N items spans
// N / perDay days whatever N is.
import type { NormalisedItem } from '../src/3-normalise/normalise-item.js'
import { BANKS, type BenchLanguage } from './corpus-text.js'
import { rng } from './prng.js'

type Names = Record<BenchLanguage, string>

/** Actors by language (nominative; ja with the usual title). */
const ACTORS: Names[] = [
  { en: 'Vladimir Putin', ja: 'プーチン大統領', ru: 'Владимир Путин', uk: 'Володимир Путін' },
  { en: 'Volodymyr Zelensky', ja: 'ゼレンスキー大統領', ru: 'Владимир Зеленский', uk: 'Володимир Зеленський' },
  { en: 'Donald Trump', ja: 'トランプ大統領', ru: 'Дональд Трамп', uk: 'Дональд Трамп' },
  { en: 'Marco Rubio', ja: 'ルビオ国務長官', ru: 'Марко Рубио', uk: 'Марко Рубіо' },
  { en: 'Sergei Lavrov', ja: 'ラブロフ外相', ru: 'Сергей Лавров', uk: 'Сергій Лавров' },
  { en: 'Steve Witkoff', ja: 'ウィトコフ特使', ru: 'Стив Уиткофф', uk: 'Стів Віткофф' },
  { en: 'Dmitry Peskov', ja: 'ペスコフ大統領報道官', ru: 'Дмитрий Песков', uk: 'Дмитро Пєсков' },
  { en: 'Kirill Dmitriev', ja: 'ドミトリエフ特使', ru: 'Кирилл Дмитриев', uk: 'Кирило Дмитрієв' },
  { en: 'Andrii Sybiha', ja: 'シビハ外相', ru: 'Андрей Сибига', uk: 'Андрій Сибіга' },
  { en: 'Keith Kellogg', ja: 'ケロッグ特使', ru: 'Кит Келлог', uk: 'Кіт Келлог' },
  { en: 'Recep Tayyip Erdogan', ja: 'エルドアン大統領', ru: 'Реджеп Тайип Эрдоган', uk: 'Реджеп Тайїп Ердоган' },
  { en: 'Emmanuel Macron', ja: 'マクロン大統領', ru: 'Эмманюэль Макрон', uk: 'Емманюель Макрон' },
  { en: 'Keir Starmer', ja: 'スターマー首相', ru: 'Кир Стармер', uk: 'Кір Стармер' },
  { en: 'Friedrich Merz', ja: 'メルツ首相', ru: 'Фридрих Мерц', uk: 'Фрідріх Мерц' },
  { en: 'Viktor Orban', ja: 'オルバン首相', ru: 'Виктор Орбан', uk: 'Віктор Орбан' },
  { en: 'Mark Rutte', ja: 'ルッテ事務総長', ru: 'Марк Рютте', uk: 'Марк Рютте' },
  { en: 'Rustem Umerov', ja: 'ウメロフ国家安全保障・国防会議書記', ru: 'Рустем Умеров', uk: 'Рустем Умєров' },
  { en: 'Yuri Ushakov', ja: 'ウシャコフ大統領補佐官', ru: 'Юрий Ушаков', uk: 'Юрій Ушаков' },
  { en: 'Antonio Guterres', ja: 'グテレス事務総長', ru: 'Антониу Гутерриш', uk: 'Антоніу Гутерреш' },
  { en: 'Ursula von der Leyen', ja: 'フォンデアライエン欧州委員長', ru: 'Урсула фон дер Ляйен', uk: 'Урсула фон дер Ляєн' },
  { en: 'Sanae Takaichi', ja: '高市首相', ru: 'Санаэ Такаити', uk: 'Санае Такаіті' },
  { en: 'Xi Jinping', ja: '習近平国家主席', ru: 'Си Цзиньпин', uk: 'Сі Цзіньпін' },
  { en: 'Mohammed bin Salman', ja: 'ムハンマド皇太子', ru: 'Мухаммед бин Салман', uk: 'Мухаммед бін Салман' },
  { en: 'Alexander Lukashenko', ja: 'ルカシェンコ大統領', ru: 'Александр Лукашенко', uk: 'Олександр Лукашенко' },
  { en: 'JD Vance', ja: 'バンス副大統領', ru: 'Джей Ди Вэнс', uk: 'Джей Ді Венс' },
  { en: 'Pete Hegseth', ja: 'ヘグセス国防長官', ru: 'Пит Хегсет', uk: 'Піт Гегсет' },
]

interface Place {
  name: Names
  /** "in Istanbul", 「イスタンブールで」, «в Стамбуле», «у Стамбулі». */
  in: Names
}

const place = (en: string, ja: string, ru: string, ruIn: string, uk: string, ukIn: string): Place => ({
  name: { en, ja, ru, uk },
  in: { en: `in ${en}`, ja: `${ja}で`, ru: ruIn, uk: ukIn },
})

const PLACES: Place[] = [
  place('Istanbul', 'イスタンブール', 'Стамбул', 'в Стамбуле', 'Стамбул', 'у Стамбулі'),
  place('Riyadh', 'リヤド', 'Эр-Рияд', 'в Эр-Рияде', 'Ер-Ріяд', 'в Ер-Ріяді'),
  place('Geneva', 'ジュネーブ', 'Женева', 'в Женеве', 'Женева', 'у Женеві'),
  place('Abu Dhabi', 'アブダビ', 'Абу-Даби', 'в Абу-Даби', 'Абу-Дабі', 'в Абу-Дабі'),
  place('Budapest', 'ブダペスト', 'Будапешт', 'в Будапеште', 'Будапешт', 'у Будапешті'),
  place('Washington', 'ワシントン', 'Вашингтон', 'в Вашингтоне', 'Вашингтон', 'у Вашингтоні'),
  place('Moscow', 'モスクワ', 'Москва', 'в Москве', 'Москва', 'у Москві'),
  place('Kyiv', 'キーウ', 'Киев', 'в Киеве', 'Київ', 'у Києві'),
  place('Kharkiv', 'ハルキウ', 'Харьков', 'в Харькове', 'Харків', 'у Харкові'),
  place('Odesa', 'オデーサ', 'Одесса', 'в Одессе', 'Одеса', 'в Одесі'),
  place('Dnipro', 'ドニプロ', 'Днепр', 'в Днепре', 'Дніпро', 'у Дніпрі'),
  place('Zaporizhzhia', 'ザポリージャ', 'Запорожье', 'в Запорожье', 'Запоріжжя', 'у Запоріжжі'),
  place('Sumy', 'スーミ', 'Сумы', 'в Сумах', 'Суми', 'у Сумах'),
  place('Kherson', 'ヘルソン', 'Херсон', 'в Херсоне', 'Херсон', 'у Херсоні'),
  place('Lviv', 'リビウ', 'Львов', 'во Львове', 'Львів', 'у Львові'),
  place('Mykolaiv', 'ミコライウ', 'Николаев', 'в Николаеве', 'Миколаїв', 'у Миколаєві'),
  place('Chernihiv', 'チェルニヒウ', 'Чернигов', 'в Чернигове', 'Чернігів', 'у Чернігові'),
  place('Poltava', 'ポルタワ', 'Полтава', 'в Полтаве', 'Полтава', 'у Полтаві'),
  place('Kryvyi Rih', 'クリビーリフ', 'Кривой Рог', 'в Кривом Роге', 'Кривий Ріг', 'у Кривому Розі'),
  place('Belgorod', 'ベルゴロド', 'Белгород', 'в Белгороде', 'Бєлгород', 'у Бєлгороді'),
  place('Kursk', 'クルスク', 'Курск', 'в Курске', 'Курськ', 'у Курську'),
  place('Minsk', 'ミンスク', 'Минск', 'в Минске', 'Мінськ', 'у Мінську'),
  place('Jeddah', 'ジッダ', 'Джидда', 'в Джидде', 'Джидда', 'у Джидді'),
  place('Doha', 'ドーハ', 'Доха', 'в Дохе', 'Доха', 'у Досі'),
  place('Brussels', 'ブリュッセル', 'Брюссель', 'в Брюсселе', 'Брюссель', 'у Брюсселі'),
  place('Berlin', 'ベルリン', 'Берлин', 'в Берлине', 'Берлін', 'у Берліні'),
  place('Paris', 'パリ', 'Париж', 'в Париже', 'Париж', 'у Парижі'),
  place('London', 'ロンドン', 'Лондон', 'в Лондоне', 'Лондон', 'у Лондоні'),
  place('Tokyo', '東京', 'Токио', 'в Токио', 'Токіо', 'у Токіо'),
  place('Miami', 'マイアミ', 'Майами', 'в Майами', 'Маямі', 'у Маямі'),
]

const MONTHS: Record<BenchLanguage, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ja: [],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  uk: ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
}

function dayText(date: Date, language: BenchLanguage): string {
  const d = date.getUTCDate()
  const m = date.getUTCMonth()
  if (language === 'ja') return `${m + 1}月${d}日`
  if (language === 'en') return `${MONTHS.en[m]} ${d}`
  return `${d} ${MONTHS[language][m]}`
}

interface EventTemplates {
  topic: string
  /** Range of the event's figure {N}. */
  figure: [number, number]
  titles: Record<BenchLanguage, string[]>
  sentences: Record<BenchLanguage, string[]>
}

// Slots: {A} {B} actors, {L} place, {inL} "in <place>", {N} the event's figure, {D} the event's day.
const EVENT_TYPES: EventTemplates[] = [
  {
    topic: 'us-russia',
    figure: [2, 9],
    titles: {
      en: ['{A} and {B} hold talks {inL}', '{A} meets {B} {inL} as ceasefire push continues', 'Talks {inL}: {A} and {B} discuss a truce'],
      ja: ['{A}と{B}が{inL}会談', '{inL}{A}と{B}が協議　停戦めぐり', '{A}、{B}と{inL}会談へ'],
      ru: ['{A} и {B} провели переговоры {inL}', 'Переговоры {inL}: {A} и {B} обсудили перемирие', '{A} и {B} встретились {inL}'],
      uk: ['{A} і {B} провели переговори {inL}', 'Переговори {inL}: {A} і {B} обговорили перемир’я', '{A} та {B} зустрілися {inL}'],
    },
    sentences: {
      en: ['{A} and {B} met {inL} on {D} for talks that lasted {N} hours.', 'The meeting {inL} focused on a ceasefire and an exchange of prisoners.', '{B} said after the talks that “progress was made” but that no agreement had been signed.', 'A further round of talks {inL} could take place within weeks, officials said.'],
      ja: ['{A}と{B}は{D}、{inL}約{N}時間にわたり会談した。', '{inL}の会談では停戦と捕虜交換が主な議題となった。', '{B}は会談後、「前進があった」と述べたが、合意文書への署名はなかった。', '関係者によると、{inL}数週間以内に次の協議が開かれる可能性がある。'],
      ru: ['{A} и {B} встретились {inL} {D}, переговоры продолжались {N} часов.', 'Главными темами встречи {inL} стали перемирие и обмен пленными.', '{B} заявил после переговоров, что «прогресс есть», однако соглашение не подписано.', 'Следующий раунд переговоров {inL} может состояться в ближайшие недели.'],
      uk: ['{A} і {B} зустрілися {inL} {D}, переговори тривали {N} годин.', 'Головними темами зустрічі {inL} стали перемир’я та обмін полоненими.', '{B} заявив після переговорів, що «є прогрес», але угоду не підписано.', 'Наступний раунд переговорів {inL} може відбутися найближчими тижнями.'],
    },
  },
  {
    topic: 'us-russia',
    figure: [30, 150],
    titles: {
      en: ['{A} and {B} speak by phone', '{A} holds {N}-minute call with {B}', '{A}, {B} discuss Ukraine in phone call'],
      ja: ['{A}と{B}が電話会談', '{A}、{B}と{N}分間電話で協議', '{A}と{B}、ウクライナめぐり電話会談'],
      ru: ['{A} и {B} провели телефонный разговор', '{A} и {B} говорили по телефону {N} минут', 'Телефонный разговор: {A} и {B} обсудили Украину'],
      uk: ['{A} і {B} провели телефонну розмову', '{A} і {B} говорили телефоном {N} хвилин', 'Телефонна розмова: {A} і {B} обговорили Україну'],
    },
    sentences: {
      en: ['{A} and {B} spoke by phone on {D}; the call lasted {N} minutes.', 'According to a readout, {A} and {B} discussed a possible meeting {inL}.', '{B} described the conversation as “frank and businesslike”.'],
      ja: ['{A}と{B}は{D}、電話で約{N}分間会談した。', '発表によると、両者は{inL}の会談の可能性について協議した。', '{B}は会談について「率直で実務的だった」と述べた。'],
      ru: ['{A} и {B} поговорили по телефону {D}, разговор длился {N} минут.', 'Согласно сообщению, {A} и {B} обсудили возможную встречу {inL}.', '{B} назвал разговор «откровенным и деловым».'],
      uk: ['{A} і {B} поговорили телефоном {D}, розмова тривала {N} хвилин.', 'За повідомленням, {A} і {B} обговорили можливу зустріч {inL}.', '{B} назвав розмову «відвертою та діловою».'],
    },
  },
  {
    topic: 'ukraine-war',
    figure: [3, 90],
    titles: {
      en: ['Russian strike on {L} kills {N}', '{N} dead after missile attack on {L}', 'Missiles hit {L} overnight, {N} killed'],
      ja: ['ロシア軍が{L}を攻撃、{N}人死亡', '{L}にミサイル攻撃　{N}人死亡', '{L}で夜間攻撃、{N}人が死亡'],
      ru: ['Удар по городу {L}: погибли {N} человек', 'Ракетная атака {inL}: {N} погибших', 'Ночью {inL} прогремели взрывы, погибли {N} человек'],
      uk: ['Удар по місту {L}: загинули {N} людей', 'Ракетна атака {inL}: {N} загиблих', 'Вночі {inL} пролунали вибухи, загинули {N} людей'],
    },
    sentences: {
      en: ['A Russian missile and drone attack on {L} on {D} killed {N} people, local officials said.', 'Rescue workers were searching the rubble of a residential building {inL}.', '{A} condemned the strike and called for more air defence systems.'],
      ja: ['{D}、ロシア軍のミサイルと無人機による攻撃で{L}の{N}人が死亡した。', '{inL}は救助隊が集合住宅のがれきの中で捜索を続けている。', '{A}は攻撃を非難し、防空システムの追加供与を求めた。'],
      ru: ['В результате ракетного удара {D} {inL} погибли {N} человек, сообщили местные власти.', 'Спасатели разбирают завалы жилого дома {inL}.', '{A} осудил удар и призвал усилить противовоздушную оборону.'],
      uk: ['Унаслідок ракетного удару {D} {inL} загинули {N} людей, повідомила місцева влада.', 'Рятувальники розбирають завали житлового будинку {inL}.', '{A} засудив удар і закликав посилити протиповітряну оборону.'],
    },
  },
  {
    topic: 'ukraine-war',
    figure: [50, 400],
    titles: {
      en: ['Russia and Ukraine swap {N} prisoners', 'Prisoner exchange: {N} Ukrainians return home', '{N} POWs freed in swap brokered {inL}'],
      ja: ['ロシアとウクライナが捕虜{N}人を交換', '捕虜交換で{N}人が帰還', '{inL}仲介の捕虜交換、{N}人解放'],
      ru: ['Россия и Украина обменялись {N} пленными', 'Обмен пленными: домой вернулись {N} человек', '{N} военнопленных освобождены после переговоров {inL}'],
      uk: ['Україна і Росія обмінялися {N} полоненими', 'Обмін полоненими: додому повернулися {N} людей', '{N} військовополонених звільнено'],
    },
    sentences: {
      en: ['Russia and Ukraine exchanged {N} prisoners of war each on {D}.', '{A} thanked mediators {inL} for their help with the exchange.', 'Talks on a further exchange are continuing, {B} said.'],
      ja: ['ロシアとウクライナは{D}、それぞれ{N}人の捕虜を交換した。', '{A}は{inL}の仲介者に謝意を示した。', '{B}によると、次の交換に向けた協議が続いている。'],
      ru: ['Россия и Украина {D} обменялись {N} военнопленными.', '{A} поблагодарил посредников {inL} за помощь в обмене.', 'Переговоры о следующем обмене продолжаются, заявил {B}.'],
      uk: ['Україна і Росія {D} обмінялися {N} військовополоненими.', '{A} подякував посередникам {inL} за допомогу в обміні.', 'Переговори про наступний обмін тривають, заявив {B}.'],
    },
  },
  {
    topic: 'us-russia',
    figure: [10, 200],
    titles: {
      en: ['{A} announces sanctions on {N} Russian firms', 'New sanctions target {N} companies over Ukraine war', '{A} unveils sanctions package; Moscow vows response'],
      ja: ['{A}、ロシア企業{N}社に制裁', '新たな対ロ制裁、{N}社が対象', '{A}が制裁パッケージを発表　ロシアは報復示唆'],
      ru: ['{A} объявил санкции против {N} российских компаний', 'Новые санкции затронули {N} компаний', '{A} представил пакет санкций, Москва обещает ответ'],
      uk: ['{A} оголосив санкції проти {N} російських компаній', 'Нові санкції зачепили {N} компаній', '{A} представив пакет санкцій, Москва обіцяє відповідь'],
    },
    sentences: {
      en: ['{A} on {D} announced sanctions against {N} Russian companies and individuals.', 'The measures target oil exports and banks, officials {inL} said.', '{B} said Moscow would respond to the sanctions.'],
      ja: ['{A}は{D}、ロシアの企業や個人{N}件を対象とする制裁を発表した。', '{inL}の当局者によると、制裁は石油輸出と銀行を対象とする。', '{B}は制裁に対抗措置をとると述べた。'],
      ru: ['{A} {D} объявил санкции против {N} российских компаний и частных лиц.', 'Меры направлены против экспорта нефти и банков, сообщили чиновники {inL}.', '{B} заявил, что Москва ответит на санкции.'],
      uk: ['{A} {D} оголосив санкції проти {N} російських компаній і осіб.', 'Заходи спрямовані проти експорту нафти й банків, повідомили посадовці {inL}.', '{B} заявив, що Москва відповість на санкції.'],
    },
  },
  {
    topic: 'ukraine-war',
    figure: [100, 3000],
    titles: {
      en: ['{A} pledges ${N} million in aid to Ukraine', 'New ${N} million aid package for Kyiv announced {inL}', '{A} and {B} agree ${N} million support deal'],
      ja: ['{A}、ウクライナに{N}百万ドルの支援表明', '{inL}新たな支援策{N}百万ドル', '{A}と{B}、{N}百万ドルの支援で合意'],
      ru: ['{A} пообещал Украине помощь на {N} млн долларов', 'Новый пакет помощи Киеву на {N} млн долларов', '{A} и {B} договорились о помощи на {N} млн долларов'],
      uk: ['{A} пообіцяв Україні допомогу на {N} млн доларів', 'Новий пакет допомоги на {N} млн доларів', '{A} і {B} домовилися про допомогу на {N} млн доларів'],
    },
    sentences: {
      en: ['{A} announced {inL} on {D} a new aid package worth ${N} million.', 'The package includes air defence equipment and support for the power grid.', '{B} welcomed the pledge.'],
      ja: ['{A}は{D}、{inL}総額{N}百万ドルの新たな支援策を発表した。', '支援には防空装備や電力網の復旧支援が含まれる。', '{B}は支援表明を歓迎した。'],
      ru: ['{A} {D} объявил {inL} о новом пакете помощи на {N} млн долларов.', 'В пакет входят средства ПВО и поддержка энергосистемы.', '{B} приветствовал это решение.'],
      uk: ['{A} {D} оголосив {inL} про новий пакет допомоги на {N} млн доларів.', 'До пакета входять засоби ППО та підтримка енергосистеми.', '{B} привітав це рішення.'],
    },
  },
  {
    topic: 'ukraine-war',
    figure: [5, 400],
    titles: {
      en: ['Energy attack leaves {N},000 without power {inL}', 'Blackouts {inL} after strike on power plant', 'Strike on energy facility {inL}; {N},000 homes cut off'],
      ja: ['{L}のエネルギー施設に攻撃　{N}千世帯停電', '{L}で発電所攻撃、停電広がる', 'エネルギー施設攻撃で{L}の{N}千世帯が停電'],
      ru: ['Удар по энергетике {inL}: без света {N} тысяч абонентов', 'Отключения электроэнергии {inL} после удара по электростанции', 'Атака на энергообъект {inL}, без света {N} тысяч домов'],
      uk: ['Удар по енергетиці {inL}: без світла {N} тисяч абонентів', 'Відключення електроенергії {inL} після удару по електростанції', 'Атака на енергооб’єкт {inL}, без світла {N} тисяч будинків'],
    },
    sentences: {
      en: ['A strike on an energy facility {inL} on {D} left about {N},000 households without electricity.', 'Engineers were working to restore power, {A} said.', '{B} accused Moscow of breaking the moratorium on energy strikes.'],
      ja: ['{D}、{inL}エネルギー施設が攻撃を受け、約{N}千世帯が停電した。', '{A}によると、復旧作業が続いている。', '{B}はロシアがエネルギー施設への攻撃停止に違反したと非難した。'],
      ru: ['В результате удара по энергообъекту {inL} {D} без электричества остались около {N} тысяч домохозяйств.', 'Энергетики восстанавливают электроснабжение, сообщил {A}.', '{B} обвинил Москву в нарушении моратория на удары по энергетике.'],
      uk: ['Унаслідок удару по енергооб’єкту {inL} {D} без електрики залишилися близько {N} тисяч домогосподарств.', 'Енергетики відновлюють електропостачання, повідомив {A}.', '{B} звинуватив Москву в порушенні мораторію на удари по енергетиці.'],
    },
  },
  {
    topic: 'us-russia',
    figure: [2, 5],
    titles: {
      en: ['{A} arrives {inL} for {N}-day visit', '{A} visits {L}, meets {B}', '{A} in {L}: what to expect from the visit'],
      ja: ['{A}が{L}入り　{N}日間の訪問', '{A}、{L}を訪問し{B}と会談', '{A}の{L}訪問、焦点は'],
      ru: ['{A} прибыл с визитом в город {L}', '{A} {inL}: встреча с {B}', '{A} начал {N}-дневный визит {inL}'],
      uk: ['{A} прибув із візитом до міста {L}', '{A} {inL}: зустріч із {B}', '{A} розпочав {N}-денний візит {inL}'],
    },
    sentences: {
      en: ['{A} arrived {inL} on {D} for a {N}-day visit and is due to meet {B}.', 'The visit {inL} had not been announced in advance for security reasons.', 'Aides said {A} and {B} would discuss security guarantees.'],
      ja: ['{A}は{D}、{N}日間の日程で{L}に到着し、{B}と会談する予定だ。', '安全上の理由から{L}訪問は事前に公表されていなかった。', '側近によると、{A}と{B}は安全の保証について協議する。'],
      ru: ['{A} {D} прибыл {inL} с {N}-дневным визитом и встретится с {B}.', 'Визит {inL} не анонсировался заранее из соображений безопасности.', 'По словам помощников, {A} и {B} обсудят гарантии безопасности.'],
      uk: ['{A} {D} прибув {inL} з {N}-денним візитом і зустрінеться з {B}.', 'Візит {inL} не анонсували заздалегідь з міркувань безпеки.', 'За словами помічників, {A} і {B} обговорять гарантії безпеки.'],
    },
  },
]

/**
 * Event details: each event fills three of these with its own figures ({x} {y} {z}) and names, and each item
 * reports one to three of them, so reports of one event share facts while reports of different events of the same
 * kind share only phrasing (as real ones do), not whole sentences.
 */
const DETAILS: Record<BenchLanguage, string[]> = {
  en: [
    'Officials said {x} people had been evacuated from {y} buildings near {L}.',
    '{A} told reporters the figure could rise to {z} by the end of the week.',
    'A spokesperson for {B} said a written statement would follow within {y} days.',
    'Local media reported {x} ambulances and {y} fire crews at the scene.',
    'The previous round, in month {y}, ended without a joint statement, {A} recalled.',
    'Among the {x} people named in the list were {y} officials and {z} businessmen.',
    'Footage shared online showed at least {y} vehicles in the convoy near {L}.',
    'Sources close to {B} put the cost at about {z} million euros.',
    '{B} said {x} proposals were on the table, {y} of them new.',
    'Regional authorities declared {y} days of mourning after {x} funerals were scheduled.',
    'The agreement covers {x} points, {y} of which were disputed until the last hour, according to {A}.',
    'Air defence units reported shooting down {x} of {z} targets over the region of {L}.',
  ],
  ja: [
    '当局によると、{L}周辺の建物{y}棟から{x}人が避難した。',
    '{A}は記者団に対し、数字は週末までに{z}に達する可能性があると述べた。',
    '{B}の報道官は、{y}日以内に声明を出すと説明した。',
    '地元メディアによると、現場には救急車{x}台と消防隊{y}隊が出動した。',
    '{A}によると、前回の協議では共同声明はまとまらなかった。',
    '対象となった{x}人のうち、{y}人が政府関係者、{z}人が実業家だという。',
    'ネット上の映像には、{L}付近を走る少なくとも{y}台の車列が映っていた。',
    '{B}に近い関係者は、費用を約{z}百万ユーロと見積もっている。',
    '{B}によると、{x}項目の提案のうち{y}項目が新しいものだ。',
    '州当局は{x}人の葬儀を前に{y}日間の服喪を宣言した。',
    '{A}によると、合意は{x}項目からなり、うち{y}項目は最後まで調整が続いた。',
    '防空部隊は{L}周辺で{z}の標的のうち{x}を撃墜したと発表した。',
  ],
  ru: [
    'По данным властей, из {y} зданий {inL} эвакуированы {x} человек.',
    '{A} сказал журналистам, что к концу недели эта цифра может вырасти до {z}.',
    'Представитель {B} пообещал письменное заявление в течение {y} дней.',
    'Местные СМИ сообщили о {x} машинах скорой помощи и {y} пожарных расчетах на месте.',
    'Предыдущий раунд завершился без совместного заявления, напомнил {A}.',
    'В список из {x} фамилий вошли {y} чиновников и {z} бизнесменов.',
    'На опубликованных в сети кадрах видно не менее {y} машин в колонне {inL}.',
    'Источники, близкие к {B}, оценивают расходы примерно в {z} млн евро.',
    'По словам {B}, на столе {x} предложений, {y} из них новые.',
    'Региональные власти объявили {y} дня траура, похороны {x} человек назначены на выходные.',
    'Соглашение включает {x} пунктов, {y} из которых согласовывались до последнего часа, сообщил {A}.',
    'Силы ПВО сообщили, что сбили {x} из {z} целей {inL} и окрестностях.',
  ],
  uk: [
    'За даними влади, з {y} будівель {inL} евакуювали {x} людей.',
    '{A} сказав журналістам, що до кінця тижня ця цифра може зрости до {z}.',
    'Представник {B} пообіцяв письмову заяву протягом {y} днів.',
    'Місцеві ЗМІ повідомили про {x} машин швидкої допомоги та {y} пожежних розрахунків на місці.',
    'Попередній раунд завершився без спільної заяви, нагадав {A}.',
    'До списку з {x} прізвищ увійшли {y} посадовців і {z} бізнесменів.',
    'На опублікованих у мережі кадрах видно щонайменше {y} машин у колоні {inL}.',
    'Джерела, близькі до {B}, оцінюють витрати приблизно в {z} млн євро.',
    'За словами {B}, на столі {x} пропозицій, {y} з них нові.',
    'Обласна влада оголосила {y} дні жалоби, похорон {x} людей призначено на вихідні.',
    'Угода містить {x} пунктів, {y} з яких узгоджували до останньої години, повідомив {A}.',
    'Сили ППО повідомили, що збили {x} із {z} цілей {inL} та околицях.',
  ],
}

/** How outlets dress headlines. */
const HEADLINE_STYLE: Record<BenchLanguage, string[]> = {
  en: ['{t}', '{t}', '{t}', 'LIVE: {t}', 'UPDATE 2-{t}', 'Breaking: {t}', '{t} – sources', 'Ukraine war latest: {t}'],
  ja: ['{t}', '{t}', '{t}', '【速報】{t}', '{t}（更新）', '【詳報】{t}'],
  ru: ['{t}', '{t}', '{t}', 'Срочно: {t}', '{t} — источники', 'Главное: {t}'],
  uk: ['{t}', '{t}', '{t}', 'Терміново: {t}', '{t} — джерела', 'Головне: {t}'],
}

// Outlets per language: (feed name, host).
const OUTLETS: Record<BenchLanguage, [string, string][]> = {
  en: [['Reuters', 'reuters.example'], ['AP', 'apnews.example'], ['BBC', 'bbc.example'], ['CNN', 'cnn.example'], ['Guardian', 'guardian.example'], ['Kyiv Independent', 'kyivindependent.example'], ['Politico', 'politico.example'], ['NHK World', 'nhkworld.example']],
  ja: [['NHK', 'nhk.example'], ['共同通信', 'kyodo.example'], ['朝日新聞', 'asahi.example'], ['読売新聞', 'yomiuri.example'], ['日経', 'nikkei.example'], ['時事通信', 'jiji.example']],
  ru: [['ТАСС', 'tass.example'], ['РИА Новости', 'ria.example'], ['Интерфакс', 'interfax.example'], ['Коммерсантъ', 'kommersant.example'], ['Медуза', 'meduza.example'], ['РБК', 'rbc.example']],
  uk: [['Укрінформ', 'ukrinform.example'], ['Українська правда', 'pravda.example'], ['Суспільне', 'suspilne.example'], ['УНІАН', 'unian.example'], ['РБК-Україна', 'rbc-ua.example'], ['Новинарня', 'novynarnia.example']],
}
const CREDIT: Record<BenchLanguage, string[]> = {
  en: ['(Reuters)', '— AP', '(AFP)'],
  ja: ['（共同）', '（時事）', '（ロイター）'],
  ru: ['— ТАСС', '— РИА Новости', '— Интерфакс'],
  uk: ['— Укрінформ', '— УНІАН', '— Суспільне'],
}
const LANGUAGE_WEIGHTS: [BenchLanguage, number][] = [
  ['en', 0.4],
  ['ru', 0.25],
  ['uk', 0.2],
  ['ja', 0.15],
]

export interface OutletFeed {
  name: string
  url: string
  language: BenchLanguage
}

export const FEEDS: OutletFeed[] = (Object.entries(OUTLETS) as [BenchLanguage, [string, string][]][]).flatMap(([language, list]) =>
  list.map(([name, host]) => ({ name, url: `https://${host}/rss`, language })),
)

export interface StreamItem {
  feed: string
  event: number
  item: NormalisedItem
}

export interface StreamOptions {
  /** Items to return (the first `items` by publication time). */
  items: number
  seed: number
  perDay: number
  start: Date
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Items in publication order; event ids let a caller check what a story holds. */
export function generateStream({ items: wanted, seed, perDay, start }: StreamOptions): StreamItem[] {
  const random = rng(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const language = (): BenchLanguage => {
    let x = random()
    for (const [l, w] of LANGUAGE_WEIGHTS) if ((x -= w) < 0) return l
    return 'en'
  }
  const fill = (template: string, slots: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m)
  /** An unrelated background sentence from the ingest bench's phrase bank, with its own random slots. */
  const filler = (l: BenchLanguage) => {
    const bank = BANKS[l]
    return fill(pick(bank.sentences), { p: pick(bank.persons), P: pick(bank.short), P2: pick(bank.short), city: pick(bank.cities), front: pick(bank.front), venue: pick(bank.venues), n: String(int(2, 900)), m: String(int(2, 90)), h: String(int(2, 12)) })
  }

  const meanPerEvent = 7.5
  const eventsPerDay = perDay / meanPerEvent
  const horizon = start.getTime() + (wanted / perDay + 3) * DAY
  const out: StreamItem[] = []
  let serial = 0
  let t = start.getTime()
  for (let event = 0; ; event++) {
    t += (-Math.log(1 - random()) / eventsPerDay) * DAY
    if (t > horizon) break
    const type = pick(EVENT_TYPES)
    const a = pick(ACTORS)
    let b = pick(ACTORS)
    while (b === a) b = pick(ACTORS)
    const where = pick(PLACES)
    const figure = String(int(...type.figure))
    const numbers = { x: String(int(3, 400)), y: String(int(2, 60)), z: String(int(100, 9000)) }
    const details = [0, 1, 2].map(() => int(0, DETAILS.en.length - 1))
    const day = new Date(t)
    const written = new Map<BenchLanguage, { title: string; text: string }[]>()
    const count = int(3, 12)
    for (let k = 0; k < count; k++) {
      const l = language()
      const [outlet, host] = pick(OUTLETS[l])
      const publishedAt = new Date(t + (k === 0 ? 0 : Math.min(48 * HOUR, -Math.log(1 - random()) * 8 * HOUR)))
      const earlier = written.get(l) ?? []
      let title: string
      let text: string
      if (earlier.length && random() < 0.15) {
        // A near-copy: another outlet reprints an agency text with a credit line.
        const original = pick(earlier)
        title = original.title
        text = `${original.text}\n${pick(CREDIT[l])}`
      } else {
        const slots = { A: a[l], B: b[l], L: where.name[l], inL: where.in[l], N: figure, D: dayText(day, l), ...numbers }
        title = fill(pick(HEADLINE_STYLE[l]), { t: fill(pick(type.titles[l]), slots) })
        const body = type.sentences[l].filter(() => random() < 0.6).map((s) => fill(s, slots))
        for (const d of details.filter(() => random() < 0.6)) body.splice(int(0, body.length), 0, fill(DETAILS[l][d]!, slots))
        for (let f = int(0, 2); f > 0; f--) body.splice(int(0, body.length), 0, filler(l))
        text = body.join(l === 'ja' ? '' : ' ')
        earlier.push({ title, text })
        written.set(l, earlier)
      }
      const id = serial++
      const iso = publishedAt.toISOString()
      out.push({
        feed: outlet,
        event,
        item: {
          guid: `bench-${id}`,
          url: `https://${host}/${iso.slice(0, 10).replace(/-/g, '/')}/story-${id}`,
          title,
          text,
          language: l,
          author: null,
          sourceName: null,
          publishedAt,
          publishedAtEstimated: false,
          topics: [type.topic],
          contentHash: `bench-${id}`,
        },
      })
    }
  }
  out.sort((x, y) => x.item.publishedAt.getTime() - y.item.publishedAt.getTime())
  if (out.length < wanted) throw new Error(`bench: generated ${out.length} items, wanted ${wanted}`)
  return out.slice(0, wanted)
}
