#pragma once
// scikit-learn's MinMaxScaler((0, 1)): x * scale + offset with scale = 1 / (max - min)
// (1 for constant columns) and offset = -min * scale, the same arithmetic as sklearn so
// distances (and so KNN) agree to the last bit.
#include "classify/archive.h"
#include "classify/types.h"

namespace cadenza::classify {

class MinMaxScaler {
 public:
  void fit(const Matrix& x);
  Matrix transform(const Matrix& x) const;
  void save(ArchiveWriter& out) const;
  void load(ArchiveReader& in);
  const Vector& scale() const { return scale_; }
  const Vector& offset() const { return offset_; }

 private:
  Vector scale_, offset_;
};

}  // namespace cadenza::classify
