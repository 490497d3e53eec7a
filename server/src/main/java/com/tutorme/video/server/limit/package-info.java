/** Rate limits: token buckets, single and keyed by user. */
package com.tutorme.video.server.limit;
