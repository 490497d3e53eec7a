/** JMH benchmarks of the signaling hot path: what the server does per relayed message. */
package com.tutorme.video.benchmarks;
