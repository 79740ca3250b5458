#include "eval/ngram_baseline.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace cadenza::eval {
namespace {

tokens::Document doc(const std::string& name, const std::string& letters) {
  tokens::Document d{name, {}};
  for (char c : letters) d.tokens.push_back(std::string(1, c));
  return d;
}

// Training: "abab" (the tuning slice: the first training document), "ababa", "ba";
// validation: "abb". Vocabulary {a, b}.
tokens::Corpus small_corpus() {
  tokens::Corpus c;
  c.documents = {doc("t0", "abab"), doc("v", "abb"), doc("t1", "ababa"), doc("t2", "ba")};
  return c;
}

TEST(NgramBaseline, HandCountedCorpus) {
  const NgramBaseline b = ngram_baseline(small_corpus(), {false, true, false, false});
  EXPECT_EQ(b.vocabulary, 2u);
  EXPECT_EQ(b.train_documents, 3u);
  EXPECT_EQ(b.tuning_documents, 1u);
  EXPECT_EQ(b.train_tokens, 11u);
  EXPECT_EQ(b.validation_documents, 1u);
  EXPECT_EQ(b.validation_predictions, 2u);
  // Tuning counts ("ababa", "ba"): ab 2, ba 3. The tuning document "abab" uses only seen pairs,
  // so the smallest k of the grid wins: 1e-5, with CE
  //   -(2 ln((2+k)/(2+2k)) + ln((3+k)/(3+2k))) / 3 = 4.4444138891622534e-06.
  EXPECT_EQ(b.bigram.k, 1e-5);
  EXPECT_NEAR(b.bigram.tuning_cross_entropy, 4.4444138891622534e-06, 1e-15);
  // All training counts: ab 4, ba 4, contexts a 4, b 4. Validation "abb" predicts b after a
  // and the unseen b after b:
  //   -(ln((4+k)/(4+2k)) + ln(k/(4+2k))) / 2 = 6.449613663034122
  EXPECT_NEAR(b.bigram.cross_entropy, 6.449613663034122, 1e-12);
  // Unigram: the tuning slice predicts b, a, b (2/3 b) from counts a 3, b 2; more smoothing
  // moves P(b) from 2/5 towards 1/2, closer to 2/3, so the largest k wins (100). With all
  // counts (a 4, b 4) every token has probability 1/2: CE ln 2.
  EXPECT_EQ(b.unigram.k, 100);
  EXPECT_NEAR(b.unigram.cross_entropy, std::log(2.0), 1e-12);
}

TEST(NgramBaseline, NeedsTokensOnBothSides) {
  EXPECT_THROW(ngram_baseline(small_corpus(), {false, false, false, false}), std::invalid_argument);
  EXPECT_THROW(ngram_baseline(small_corpus(), {true, true, true, false}), std::invalid_argument);
  EXPECT_THROW(ngram_baseline(small_corpus(), {true}), std::invalid_argument);
}

TEST(NgramBaseline, JsonNamesTheUnitAndK) {
  const NgramBaseline b = ngram_baseline(small_corpus(), {false, true, false, false});
  const std::string json = ngram_baseline_json(b, "c.txt", "list.txt");
  EXPECT_NE(json.find("\"unit\": \"nats per predicted token\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"k\": 100"), std::string::npos) << json;
  EXPECT_NE(format_ngram_baseline(b).find("bigram   cross-entropy 6.4496 nats/token (k = 1e-05)"),
            std::string::npos)
      << format_ngram_baseline(b);
}

}  // namespace
}  // namespace cadenza::eval
