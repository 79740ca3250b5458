#include "tokens/miditok_batch.h"

#include <algorithm>
#include <exception>

#include "common/parallel.h"

namespace cadenza::tokens::miditok {

void tokenize_in_order(const std::vector<MidiInput>& inputs, Scheme scheme, unsigned threads,
                       const std::function<void(const FileResult&)>& in_order,
                       const std::function<void(const FileResult&)>& on_done, std::size_t window) {
  threads = std::max(1u, threads);
  if (window == 0) window = std::size_t{16} * threads;
  std::vector<FileResult> results;
  for (std::size_t begin = 0; begin < inputs.size(); begin += window) {
    const std::size_t count = std::min(window, inputs.size() - begin);
    results.assign(count, FileResult{});
    parallel_for(
        count, threads,
        [&](std::size_t i) {
          FileResult& r = results[i];
          r.input = inputs[begin + i];
          try {
            r.tokenization = tokenize_file(r.input.path, scheme);
          } catch (const std::exception& e) {
            r.error = e.what();
          }
        },
        [&](std::size_t i) {
          if (on_done) on_done(results[i]);
        });
    for (const FileResult& r : results) in_order(r);
  }
}

}  // namespace cadenza::tokens::miditok
