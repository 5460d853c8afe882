// Malformed ops in the generic form are rejected with a diagnostic by the
// op definitions' own checks (operand counts, segments, properties), before
// any hyper verifier or type inference could trip over them.
// RUN: hyper-opt %s -split-input-file -verify-diagnostics -verify-each

func.func @conv_missing_block(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{'hyper.conv2d' op requires attribute 'block'}}
  %y = "hyper.conv2d"(%x, %z, %w_in, %b_in, %w_out, %b_out)
      : (tensor<2x16x28x28xf32>, tensor<1x1x4xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<784x4xf32>, tensor<784xf32>) -> tensor<2x16x22x22xf32>
  return
}

// -----

func.func @conv_strides_not_array(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{Invalid attribute `strides` in property conversion: 1 : i64}}
  %y = "hyper.conv2d"(%x, %z, %w_in, %b_in, %w_out, %b_out)
      <{block = array<i64: 16, 16, 7, 7>, strides = 1 : i64}>
      : (tensor<2x16x28x28xf32>, tensor<1x1x4xf32>, tensor<64x4xf32>, tensor<64xf32>,
         tensor<784x4xf32>, tensor<784xf32>) -> tensor<2x16x22x22xf32>
  return
}

// -----

func.func @lstm_segment_count(%x: tensor<5x2x6xf32>) {
  // expected-error @below {{size mismatch in attribute conversion: 3 vs 28}}
  %r:5 = "hyper.lstm"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0>}>
      : (tensor<5x2x6xf32>) -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>,
                                tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

func.func @lstm_missing_weights(%x: tensor<5x2x6xf32>) {
  // expected-error @below {{'hyper.lstm' op expected 15 or more operands, but found 1}}
  %r:5 = "hyper.lstm"(%x)
      : (tensor<5x2x6xf32>) -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>,
                                tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

func.func @rnn_cell_missing_weights(%x: tensor<3x5xf32>) {
  // expected-error @below {{'hyper.rnn_cell' op expected 17 operands, but found 2}}
  %r:2 = "hyper.rnn_cell"(%x, %x)
      : (tensor<3x5xf32>, tensor<3x5xf32>) -> (tensor<3x7xf32>, tensor<3x4xf32>)
  return
}

// -----

func.func @lstm_bad_z_source(%x: tensor<5x2x6xf32>) {
  // expected-error @below {{Invalid attribute `z_source` in property conversion: 3 : i32}}
  %r:5 = "hyper.lstm"(%x) <{z_source = 3 : i32}>
      : (tensor<5x2x6xf32>) -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>,
                                tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

func.func @unranked_operand(%x: tensor<*xf32>, %w: tensor<5x3xf32>, %d: tensor<2x5xf32>) {
  // expected-error @below {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<*xf32>, tensor<5x3xf32>, tensor<2x5xf32>
  return
}

// -----

func.func @memref_operand(%x: memref<2x3xf32>, %w: tensor<5x3xf32>, %d: tensor<2x5xf32>) {
  // expected-error @below {{invalid kind of type specified: expected builtin.tensor, but found 'memref<2x3xf32>'}}
  %y = hyper.row_scaled_linear %x, %w, %d : memref<2x3xf32>, tensor<5x3xf32>, tensor<2x5xf32>
  return
}

// -----

func.func @conv_missing_generator(%x: tensor<2x16x28x28xf32>) {
  // expected-error @below {{expected ','}}
  %y = hyper.conv2d %x : tensor<2x16x28x28xf32> block [16, 16, 7, 7]
  return
}

// -----

func.func @lstm_missing_group(%x: tensor<5x2x6xf32>, %w: tensor<16x14xf32>) {
  // expected-error @below {{expected 'hyper'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32> main(%w, %w, %w : tensor<16x14xf32>, tensor<16x14xf32>, tensor<16x14xf32>)
  return
}
