// The topic filter judges what an item is about: the topic's sides named together in one statement, a beat event that
// is the topic's own and not another subject's, in all four languages.
import { describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import { loadAppConfig } from '../src/config/app-config.js'

const match = compileTopics(loadAppConfig().topics)
const tags = (title: string, lede = '') => match(title, lede).sort()

describe('an item names a relation only when one statement names both sides', () => {
  it.each([
    [
      'Senate confirms new intelligence chief despite doubts over Russia remarks',
      'The US Senate confirmed the nominee by 51 votes to 49. Critics had recalled her praise of Russian state television.',
    ],
    [
      'EU agrees to buy more energy from the United States',
      'The bloc will buy American gas over three years, which the Commission says would help replace Russian supplies.',
    ],
    [
      'Historians revisit the Russia inquiry',
      "A new book examines the assessment of Russia's role in the 2016 vote that Donald Trump won.",
    ],
    [
      'Сенат США утвердил нового директора разведки',
      'Голосование прошло 51 голосом против 49. Критики напоминали о её похвалах российскому телевидению.',
    ],
    [
      'ЄС закуповуватиме більше американського газу',
      'Євросоюз купуватиме газ у США, що, за словами Єврокомісії, допоможе замінити російські поставки.',
    ],
  ])('%s → no topic', (title, lede) => {
    expect(tags(title, lede)).toEqual([])
  })

  it.each([
    ['Kremlin says it is ready for contacts', 'Russia is ready to resume contacts with Washington at any level, Dmitry Peskov said.', ['us-russia']],
    ['Песков: Москва открыта к контактам', 'В Кремле заявили, что Россия готова к контактам с Вашингтоном на любом уровне.', ['us-russia']],
    // A Japanese sentence's 、 joins the clauses of one statement: the president and his counterpart stay together.
    ['プーチン大統領の発言に注目', 'ロシアのプーチン大統領は18日、アメリカとの関係改善に意欲を示しました。', ['us-russia']],
  ])('%s → %j', (title, lede, topics) => {
    expect(tags(title, lede)).toEqual(topics)
  })
})

describe("a beat event counts when it is the topic's own, not another subject's", () => {
  it.each([
    ['Trump meets Xi Jinping, says they also discussed Ukraine', ''],
    ['Трамп після зустрічі з Сі Цзіньпіном: обговорили й Україну', ''],
    ['Трамп после встречи с Си Цзиньпином: обсудили и Украину', ''],
  ])('%s → no topic', (title, lede) => {
    expect(tags(title, lede)).toEqual([])
  })

  it('a meeting of the beat beside another subject stays on topic', () => {
    expect(tags("Trump and Zelensky meet before Pope Francis's funeral")).toContain('ukraine-war')
  })
})

describe('a crime story naming a victim from Ukraine is about the crime', () => {
  it.each([
    ['Ukrainian refugee stabbed to death on US commuter train', 'The woman, who had fled the war in Ukraine, was attacked on Friday evening, police said.'],
    ['Вбивство українки в потязі у США: підозрюваного затримали', 'Жінка, яка втекла від війни в Україні, загинула від ножових поранень.'],
  ])('%s → no topic', (title, lede) => {
    expect(tags(title, lede)).toEqual([])
  })
})

describe('a conference on rebuilding Ukraine is about the war', () => {
  it.each([
    ['Ukraine recovery conference opens in Rome', 'Italy hosts a two-day conference on reconstruction.'],
    ['ウクライナ復興会議が開幕', 'イタリアで国際会議が始まりました。'],
  ])('%s → ukraine-war', (title, lede) => {
    expect(tags(title, lede)).toEqual(['ukraine-war'])
  })
})
